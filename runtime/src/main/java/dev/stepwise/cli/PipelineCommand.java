package dev.stepwise.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code stepwise pipeline ...}. */
@Command(name = "pipeline", description = "Run pipelines defined in Java.", mixinStandardHelpOptions = true,
    subcommands = PipelineRunCommand.class)
public final class PipelineCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return 2;
  }
}

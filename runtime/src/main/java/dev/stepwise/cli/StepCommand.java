package dev.stepwise.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code stepwise step ...}: look at single steps. */
@Command(name = "step", description = "Inspect steps.", mixinStandardHelpOptions = true,
    subcommands = {StepExplainCommand.class})
public final class StepCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return 2;
  }
}

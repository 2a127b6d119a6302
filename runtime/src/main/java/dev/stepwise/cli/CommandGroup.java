package dev.stepwise.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** A command that only groups subcommands: run alone, it is a usage error that shows them. */
public abstract class CommandGroup implements Callable<Integer> {
  @Spec
  protected CommandSpec spec;

  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "Missing subcommand: choose one of "
        + String.join(", ", spec.subcommands().keySet()) + ".");
  }
}

package dev.stepwise.cli;

import dev.stepwise.flavor.FlavorRegistry;
import dev.stepwise.stack.StepwiseEnvironment;
import dev.stepwise.support.StepwiseException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Base of every leaf command: reaches the root's environment and streams. A user error, a
 * {@link StepwiseException}, escapes {@link #execute()} and is printed by {@link Main}'s one handler.
 */
public abstract class CliCommand implements Callable<Integer> {
  @Spec
  protected CommandSpec spec;

  @Override
  public final Integer call() {
    return execute();
  }

  /** Does the work and returns the exit code. */
  protected abstract int execute();

  protected StepwiseEnvironment environment() {
    return root().environment();
  }

  protected FlavorRegistry flavors() {
    return root().flavors();
  }

  protected PrintWriter out() {
    return spec.commandLine().getOut();
  }

  protected PrintWriter err() {
    return spec.commandLine().getErr();
  }

  private StepwiseCommand root() {
    return (StepwiseCommand) spec.root().userObject();
  }
}

package dev.stepwise.step;

/**
 * The runtime side of every generated {@code main}: parses {@code --spec <uri>}, reads the step's
 * run spec, loads the inputs with materializers, calls the step, stores its output, writes the
 * result record, and exits with a {@link StepExitCode}.
 */
public final class StepEntrypoint {
  private StepEntrypoint() {}

  /** Runs the step and always ends the JVM with {@code System.exit(code)}. */
  public static void main(String[] args, StepProgram program) {
    System.exit(run(args, program));
  }

  /** Runs the step and returns the exit code instead of exiting (for in-process callers and tests). */
  public static int run(String[] args, StepProgram program) {
    throw new UnsupportedOperationException("not implemented yet");
  }
}

package dev.stepwise.cli;

import dev.stepwise.stack.StepwiseEnvironment;
import dev.stepwise.support.StepwiseException;
import java.io.PrintWriter;
import picocli.CommandLine;

/** {@code stepwise} launcher: builds the command line, maps failures to exit codes, exits. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(StepwiseEnvironment.current(), args));
  }

  public static int run(StepwiseEnvironment environment, String... args) {
    return commandLine(environment).execute(args);
  }

  public static int run(StepwiseEnvironment environment, PrintWriter out, PrintWriter err, String... args) {
    CommandLine commandLine = commandLine(environment);
    commandLine.setOut(out);
    commandLine.setErr(err);
    return commandLine.execute(args);
  }

  /**
   * The full command line with Stepwise's error handling, the one place errors become exit codes: a
   * {@link StepwiseException} (a user error; its message says the fix) or an I/O failure exits 1, usage 2, bugs 70.
   */
  public static CommandLine commandLine(StepwiseEnvironment environment) {
    CommandLine commandLine = new CommandLine(new StepwiseCommand(environment));
    commandLine.setExecutionExceptionHandler((e, cl, parseResult) -> {
      if (e instanceof StepwiseException || e instanceof java.io.UncheckedIOException) {
        cl.getErr().println("Error: " + e.getMessage());
        cl.getErr().flush();
        return ExitCodes.USER_ERROR;
      }
      cl.getErr().println("stepwise: internal error: " + e);
      if (environment.variables().containsKey("STEPWISE_DEBUG")) {
        e.printStackTrace(cl.getErr());
      } else {
        cl.getErr().println("Rerun with STEPWISE_DEBUG=1 for the stack trace, and report it.");
      }
      return ExitCodes.INTERNAL;
    });
    return commandLine;
  }
}

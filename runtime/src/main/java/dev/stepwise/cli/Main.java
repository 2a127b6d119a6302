package dev.stepwise.cli;

import dev.stepwise.stack.StepwiseEnvironment;
import dev.stepwise.support.StepwiseException;
import java.io.PrintWriter;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;

/** {@code stepwise} launcher: builds the command line, maps failures to exit codes, exits. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    routeJavaUtilLogging();
    System.exit(run(StepwiseEnvironment.current(), args));
  }

  /**
   * Spark's launcher (and other libraries) log through java.util.logging, whose console handler
   * would print its own two-line records past the CLI's SLF4J backend, level and format: send them
   * to SLF4J instead, so they obey {@code -Dorg.slf4j.simpleLogger.defaultLogLevel} like the rest.
   */
  static void routeJavaUtilLogging() {
    if (!SLF4JBridgeHandler.isInstalled()) {
      SLF4JBridgeHandler.removeHandlersForRootLogger();
      SLF4JBridgeHandler.install();
    }
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

package dev.stepwise.cli;

import dev.stepwise.stack.ActiveStack;
import dev.stepwise.stack.StackCatalog;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "set", description = "Make a stack your active stack (after checking it).", mixinStandardHelpOptions = true)
final class StackSetCommand extends CliCommand {
  @Parameters(index = "0", paramLabel = "NAME", description = "The stack to activate.")
  String name;

  @Override
  protected int execute() {
    ActiveStack active = new StackCatalog(environment(), flavors()).set(name);
    reportActive(out(), err(), name, active);
    return ExitCodes.OK;
  }

  /** Says which stack is active, warning when a higher-precedence choice hides the user's. */
  static void reportActive(PrintWriter out, PrintWriter err, String chosen, ActiveStack active) {
    if (active.name().equals(chosen)) {
      out.printf("Active stack: '%s'.%n", chosen);
    } else {
      out.printf("Your active stack is now '%s'.%n", chosen);
      err.printf("Note: '%s' is used instead, because it is chosen by %s, which takes precedence.%n",
          active.name(), active.origin());
    }
  }
}

package dev.stepwise.cli;

import dev.stepwise.stack.StackCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "delete", description = "Delete a stack (not the active one, nor `default`); its components stay.",
    mixinStandardHelpOptions = true)
final class StackDeleteCommand extends CliCommand {
  @Parameters(index = "0", paramLabel = "NAME", description = "The stack to delete.")
  String name;

  @Override
  protected int execute() {
    RunsInUseCheck.refuseStackInUse(name, environment(), err());
    new StackCatalog(environment(), flavors()).delete(name);
    out().printf("Deleted stack '%s'.%n", name);
    return ExitCodes.OK;
  }
}

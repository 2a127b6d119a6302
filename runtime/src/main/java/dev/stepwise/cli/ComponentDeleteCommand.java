package dev.stepwise.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "delete", description = "Delete a component that no stack uses.", mixinStandardHelpOptions = true)
final class ComponentDeleteCommand extends ComponentCommand {
  @Parameters(index = "0", paramLabel = "NAME", description = "The component to delete.")
  String name;

  @Override
  protected int execute() {
    if (type() == dev.stepwise.flavor.ComponentType.ARTIFACT_STORE) {
      RunsInUseCheck.refuseStoreInUse(name, environment(), flavors(), err());
    }
    catalog().delete(type(), name);
    out().printf("Deleted %s '%s'.%n", type().id(), name);
    return ExitCodes.OK;
  }
}

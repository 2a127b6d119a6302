package dev.stepwise.cli;

import dev.stepwise.flavor.ComponentModel;
import dev.stepwise.stack.ComponentCatalog;
import java.util.List;
import picocli.CommandLine.Command;

@Command(name = "list", description = "List the registered components of this type.", mixinStandardHelpOptions = true)
final class ComponentListCommand extends ComponentCommand {
  @Override
  protected int execute() {
    ComponentCatalog catalog = catalog();
    List<ComponentModel> components = catalog.list(type());
    if (components.isEmpty()) {
      out().printf("No %s is registered. Register one with `stepwise %s register NAME --flavor=FLAVOR`.%n",
          type().id(), type().cliName());
      return ExitCodes.OK;
    }
    Table table = new Table("NAME", "FLAVOR", "STACKS");
    for (ComponentModel component : components) {
      table.row(component.name(), component.flavor(),
          String.join(",", catalog.stacksUsing(type(), component.name())));
    }
    table.print(out());
    return ExitCodes.OK;
  }
}

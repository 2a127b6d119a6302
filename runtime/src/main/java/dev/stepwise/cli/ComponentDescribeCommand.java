package dev.stepwise.cli;

import dev.stepwise.flavor.ComponentModel;
import dev.stepwise.flavor.ConfigBinding;
import dev.stepwise.stack.ComponentCatalog;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "describe", description = "Show a component's flavor, config and the stacks using it.",
    mixinStandardHelpOptions = true)
final class ComponentDescribeCommand extends ComponentCommand {
  @Parameters(index = "0", paramLabel = "NAME", description = "The component to show.")
  String name;

  @Override
  protected int execute() {
    ComponentCatalog catalog = catalog();
    ComponentModel model = catalog.describe(type(), name);
    out().printf("%s: %s%n", type().id(), model.name());
    out().printf("flavor: %s%n", model.flavor());
    List<String> config = ConfigBinding.render(model.config());
    out().println("config:" + (config.isEmpty() ? " (none)" : ""));
    config.forEach(line -> out().println("  " + line));
    List<String> stacks = catalog.stacksUsing(type(), name);
    out().println("stacks: " + (stacks.isEmpty() ? "(none)" : String.join(", ", stacks)));
    return ExitCodes.OK;
  }
}

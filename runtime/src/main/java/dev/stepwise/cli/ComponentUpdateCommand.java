package dev.stepwise.cli;

import dev.stepwise.flavor.ComponentModel;
import dev.stepwise.flavor.ConfigBinding;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Unmatched;

@Command(
    name = "update",
    description = "Change keys of a component (--key=value). Every stack using it is checked again.",
    mixinStandardHelpOptions = true)
final class ComponentUpdateCommand extends ComponentCommand {
  @Parameters(index = "0", paramLabel = "NAME", description = "The component to change.")
  String name;

  @Unmatched
  List<String> settings = new ArrayList<>();

  @Override
  protected int execute() {
    ComponentModel model = catalog().update(type(), name, settings);
    out().printf("Updated %s '%s'.%n", type().id(), model.name());
    ConfigBinding.render(model.config()).forEach(line -> out().println("  " + line));
    return ExitCodes.OK;
  }
}

package dev.stepwise.cli;

import dev.stepwise.flavor.ConfigBinding;
import dev.stepwise.flavor.ConfigKey;
import dev.stepwise.flavor.Flavor;
import java.util.List;
import picocli.CommandLine.Command;

@Command(name = "list", description = "List the installed flavors of this component type with their keys.",
    mixinStandardHelpOptions = true)
final class FlavorListCommand extends ComponentCommand {
  @Override
  protected int execute() {
    List<Flavor<?, ?>> flavors = flavors().list(type());
    if (flavors.isEmpty()) {
      out().printf("No %s flavor is installed; add a jar that provides one to the classpath.%n", type().id());
      return ExitCodes.OK;
    }
    Table table = new Table("FLAVOR", "DESCRIPTION", "KEYS");
    for (Flavor<?, ?> flavor : flavors) {
      table.row(flavor.name(), flavor.description(), ConfigBinding.keyList(ConfigKey.of(flavor.configType())));
    }
    table.print(out());
    return ExitCodes.OK;
  }
}

package dev.stepwise.cli;

import dev.stepwise.flavor.ComponentModel;
import dev.stepwise.flavor.ConfigBinding;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Unmatched;

@Command(
    name = "register",
    description = "Register a component of this type. Flavor keys follow as --key=value (snake_case or"
        + " kebab-case; JSON for map and list keys, e.g. --labels='{\"team\":\"ml\"}').",
    mixinStandardHelpOptions = true)
final class ComponentRegisterCommand extends ComponentCommand {
  @Parameters(index = "0", paramLabel = "NAME", description = "Name of the new component.")
  String name;

  @Option(names = {"-f", "--flavor"}, required = true, paramLabel = "FLAVOR",
      description = "The flavor (see `flavor list`).")
  String flavor;

  @Unmatched
  List<String> settings = new ArrayList<>();

  @Override
  protected int execute() {
    ComponentModel model = catalog().register(type(), name, flavor, settings);
    out().printf("Registered %s '%s' (flavor %s).%n", type().id(), model.name(), model.flavor());
    ConfigBinding.render(model.config()).forEach(line -> out().println("  " + line));
    return ExitCodes.OK;
  }
}

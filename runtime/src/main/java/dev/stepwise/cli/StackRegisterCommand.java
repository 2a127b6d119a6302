package dev.stepwise.cli;

import dev.stepwise.stack.StackCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "register", description = "Register a stack from registered components; --set makes it active.",
    mixinStandardHelpOptions = true)
final class StackRegisterCommand extends CliCommand {
  @Parameters(index = "0", paramLabel = "NAME", description = "Name of the new stack.")
  String name;

  @Option(names = {"-o", "--orchestrator"}, required = true, paramLabel = "ORCHESTRATOR",
      description = "The orchestrator (the built-in one is `default`).")
  String orchestrator;

  @Option(names = {"-a", "--artifact-store", "--artifact_store"}, required = true, paramLabel = "ARTIFACT_STORE",
      description = "The artifact store.")
  String artifactStore;

  @Mixin
  OptionalComponentOptions optional;

  @Option(names = "--set", description = "Make the new stack the active one.")
  boolean set;

  @Override
  protected int execute() {
    StackCatalog catalog = new StackCatalog(environment(), flavors());
    catalog.register(name, StackCatalog.components(orchestrator, artifactStore, optional.stepOperator,
        optional.containerRegistry, optional.imageBuilder), set);
    out().printf("Registered stack '%s'.%n", name);
    if (set) {
      StackSetCommand.reportActive(out(), err(), name, catalog.active());
    }
    return ExitCodes.OK;
  }
}

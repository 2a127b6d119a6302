package dev.stepwise.cli;

import dev.stepwise.stack.StackCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "update", description = "Replace or add components of a stack; the stack is checked again.",
    mixinStandardHelpOptions = true)
final class StackUpdateCommand extends CliCommand {
  @Parameters(index = "0", paramLabel = "NAME", description = "The stack to change.")
  String name;

  @Option(names = {"-o", "--orchestrator"}, paramLabel = "ORCHESTRATOR", description = "The orchestrator.")
  String orchestrator;

  @Option(names = {"-a", "--artifact-store", "--artifact_store"}, paramLabel = "ARTIFACT_STORE",
      description = "The artifact store.")
  String artifactStore;

  @Mixin
  OptionalComponentOptions optional;

  @Override
  protected int execute() {
    new StackCatalog(environment(), flavors()).update(name, StackCatalog.components(orchestrator, artifactStore,
        optional.stepOperator, optional.containerRegistry, optional.imageBuilder));
    out().printf("Updated stack '%s'.%n", name);
    return ExitCodes.OK;
  }
}

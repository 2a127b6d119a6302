package dev.stepwise.cli;

import dev.stepwise.flavor.ComponentType;
import picocli.CommandLine.Command;

@Command(
    name = "orchestrator",
    description = "Register, list, describe, update and delete orchestrators. Orchestrators run a pipeline's steps in order.",
    mixinStandardHelpOptions = true,
    subcommands = {
      ComponentRegisterCommand.class,
      ComponentListCommand.class,
      ComponentDescribeCommand.class,
      ComponentUpdateCommand.class,
      ComponentDeleteCommand.class,
      FlavorCommand.class
    })
public final class OrchestratorCommand extends ComponentGroupCommand {
  @Override
  ComponentType type() {
    return ComponentType.ORCHESTRATOR;
  }
}

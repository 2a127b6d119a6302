package dev.stepwise.cli;

import dev.stepwise.flavor.ComponentType;
import picocli.CommandLine.Command;

@Command(
    name = "container-registry",
    description = "Register, list, describe, update and delete container registries. Container registries receive the images built for remote steps.",
    mixinStandardHelpOptions = true,
    subcommands = {
      ComponentRegisterCommand.class,
      ComponentListCommand.class,
      ComponentDescribeCommand.class,
      ComponentUpdateCommand.class,
      ComponentDeleteCommand.class,
      FlavorCommand.class
    })
public final class ContainerRegistryCommand extends ComponentGroupCommand {
  @Override
  ComponentType type() {
    return ComponentType.CONTAINER_REGISTRY;
  }
}

package dev.stepwise.cli;

import dev.stepwise.flavor.ComponentType;
import picocli.CommandLine.Command;

@Command(
    name = "image-builder",
    description = "Register, list, describe, update and delete image builders. Image builders build the container images remote steps run in.",
    mixinStandardHelpOptions = true,
    subcommands = {
      ComponentRegisterCommand.class,
      ComponentListCommand.class,
      ComponentDescribeCommand.class,
      ComponentUpdateCommand.class,
      ComponentDeleteCommand.class,
      FlavorCommand.class
    })
public final class ImageBuilderCommand extends ComponentGroupCommand {
  @Override
  ComponentType type() {
    return ComponentType.IMAGE_BUILDER;
  }
}

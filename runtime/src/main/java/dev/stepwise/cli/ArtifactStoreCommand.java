package dev.stepwise.cli;

import dev.stepwise.flavor.ComponentType;
import picocli.CommandLine.Command;

@Command(
    name = "artifact-store",
    description = "Register, list, describe, update and delete artifact stores. Artifact stores hold step outputs, run specs, run records and logs.",
    mixinStandardHelpOptions = true,
    subcommands = {
      ComponentRegisterCommand.class,
      ComponentListCommand.class,
      ComponentDescribeCommand.class,
      ComponentUpdateCommand.class,
      ComponentDeleteCommand.class,
      FlavorCommand.class
    })
public final class ArtifactStoreCommand extends ComponentGroupCommand {
  @Override
  ComponentType type() {
    return ComponentType.ARTIFACT_STORE;
  }
}

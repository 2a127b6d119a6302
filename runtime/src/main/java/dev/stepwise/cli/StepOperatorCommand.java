package dev.stepwise.cli;

import dev.stepwise.flavor.ComponentType;
import picocli.CommandLine.Command;

@Command(
    name = "step-operator",
    description = "Register, list, describe, update and delete step operators. Step operators run single steps elsewhere (a child JVM, Spark, Kubernetes).",
    mixinStandardHelpOptions = true,
    subcommands = {
      ComponentRegisterCommand.class,
      ComponentListCommand.class,
      ComponentDescribeCommand.class,
      ComponentUpdateCommand.class,
      ComponentDeleteCommand.class,
      FlavorCommand.class
    })
public final class StepOperatorCommand extends ComponentGroupCommand {
  @Override
  ComponentType type() {
    return ComponentType.STEP_OPERATOR;
  }
}

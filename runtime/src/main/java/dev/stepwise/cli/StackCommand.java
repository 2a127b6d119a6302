package dev.stepwise.cli;

import picocli.CommandLine.Command;

@Command(
    name = "stack",
    description = "Register, choose, list, describe, update and delete stacks (an orchestrator, an artifact"
        + " store and optionally a step operator, a container registry and an image builder).",
    mixinStandardHelpOptions = true,
    subcommands = {
      StackRegisterCommand.class,
      StackSetCommand.class,
      StackListCommand.class,
      StackDescribeCommand.class,
      StackUpdateCommand.class,
      StackDeleteCommand.class
    })
final class StackCommand extends CommandGroup {}

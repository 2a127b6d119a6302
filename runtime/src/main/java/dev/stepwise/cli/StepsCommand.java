package dev.stepwise.cli;

import picocli.CommandLine.Command;

@Command(name = "steps", description = "The steps compiled into a classpath.", mixinStandardHelpOptions = true,
    subcommands = StepsListCommand.class)
final class StepsCommand extends CommandGroup {}

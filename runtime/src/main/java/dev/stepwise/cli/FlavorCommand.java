package dev.stepwise.cli;

import picocli.CommandLine.Command;

@Command(name = "flavor", description = "The flavors installed for this component type.",
    mixinStandardHelpOptions = true, subcommands = FlavorListCommand.class)
final class FlavorCommand extends CommandGroup {}

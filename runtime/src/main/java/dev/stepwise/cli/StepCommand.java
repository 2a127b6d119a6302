package dev.stepwise.cli;

import picocli.CommandLine.Command;

/** {@code stepwise step ...}: look at single steps. */
@Command(name = "step", description = "Inspect a single step.", mixinStandardHelpOptions = true,
    subcommands = {StepExplainCommand.class})
public final class StepCommand extends CommandGroup {}

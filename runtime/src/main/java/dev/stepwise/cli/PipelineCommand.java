package dev.stepwise.cli;

import picocli.CommandLine.Command;

/** {@code stepwise pipeline ...}. */
@Command(name = "pipeline", description = "Run pipelines defined in Java.", mixinStandardHelpOptions = true,
    subcommands = PipelineRunCommand.class)
public final class PipelineCommand extends CommandGroup {}

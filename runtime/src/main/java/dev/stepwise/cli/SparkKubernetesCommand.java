package dev.stepwise.cli;

import picocli.CommandLine.Command;

/** {@code stepwise spark-kubernetes ...}: helpers for running steps on Kubernetes. */
@Command(name = "spark-kubernetes", description = "Helpers for the spark-kubernetes step operator.",
    mixinStandardHelpOptions = true, subcommands = RbacCommand.class)
public final class SparkKubernetesCommand extends CommandGroup {}

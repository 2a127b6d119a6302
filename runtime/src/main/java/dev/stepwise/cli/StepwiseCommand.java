package dev.stepwise.cli;

import dev.stepwise.flavor.FlavorRegistry;
import dev.stepwise.stack.StepwiseEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

/** {@code stepwise}: the root command. */
@Command(
    name = "stepwise",
    description = "Run Java pipeline steps on Apache Spark, on stacks registered like ZenML's.",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    subcommands = {
      StackCommand.class,
      OrchestratorCommand.class,
      ArtifactStoreCommand.class,
      StepOperatorCommand.class,
      ContainerRegistryCommand.class,
      ImageBuilderCommand.class,
      StepsCommand.class,
      StepCommand.class,
      PipelineCommand.class,
      RunCommand.class,
      SecretCommand.class,
      SparkKubernetesCommand.class,
      SparkHomeCommand.class,
      CompletionCommand.class,
      HelpCommand.class
    })
public final class StepwiseCommand extends CommandGroup {
  private final StepwiseEnvironment environment;
  private FlavorRegistry flavors;

  public StepwiseCommand() {
    this(StepwiseEnvironment.current());
  }

  public StepwiseCommand(StepwiseEnvironment environment) {
    this.environment = environment;
  }

  /** The environment commands read (config dir, active stack variable, working directory). */
  public StepwiseEnvironment environment() {
    return environment;
  }

  /** The flavors on the classpath, loaded once per command line. */
  public synchronized FlavorRegistry flavors() {
    if (flavors == null) {
      flavors = FlavorRegistry.load();
    }
    return flavors;
  }
}

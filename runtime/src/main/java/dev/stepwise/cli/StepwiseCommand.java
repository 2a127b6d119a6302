package dev.stepwise.cli;

import dev.stepwise.flavor.FlavorRegistry;
import dev.stepwise.stack.StepwiseEnvironment;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;

/** {@code stepwise}: the root command. */
@Command(
    name = "stepwise",
    description = "Run Java pipeline steps on Apache Spark, on stacks registered like ZenML's.",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    modelTransformer = StepwiseCommand.RunCommands.class,
    subcommands = {
      StackCommand.class,
      OrchestratorCommand.class,
      ArtifactStoreCommand.class,
      StepOperatorCommand.class,
      ContainerRegistryCommand.class,
      ImageBuilderCommand.class,
      StepsCommand.class,
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

  /**
   * Adds the run commands ({@code run ...}, {@code pipeline run}) when they are on the classpath,
   * and not already declared: they live beside the orchestrator's code.
   */
  public static final class RunCommands implements IModelTransformer {
    private static final List<String> CLASSES =
        List.of("dev.stepwise.cli.RunCommand", "dev.stepwise.cli.PipelineCommand", "dev.stepwise.cli.StepCommand");

    @Override
    public CommandSpec transform(CommandSpec root) {
      for (String className : CLASSES) {
        Class<?> type;
        try {
          type = Class.forName(className, true, StepwiseCommand.class.getClassLoader());
        } catch (ClassNotFoundException e) {
          continue;
        }
        boolean declared = root.subcommands().values().stream()
            .anyMatch(sub -> sub.getCommandSpec().userObject() != null
                && sub.getCommandSpec().userObject().getClass() == type);
        if (!declared) {
          CommandSpec sub = CommandSpec.forAnnotatedObject(type);
          if (!root.subcommands().containsKey(sub.name())) {
            root.addSubcommand(sub.name(), sub);
          }
        }
      }
      return root;
    }
  }
}

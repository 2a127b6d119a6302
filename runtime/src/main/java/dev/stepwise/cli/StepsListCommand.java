package dev.stepwise.cli;

import dev.stepwise.discovery.Classpath;
import dev.stepwise.discovery.StepIndex;
import dev.stepwise.step.StepMetadata;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "list", description = "List the steps found through their metadata resources on a classpath.",
    mixinStandardHelpOptions = true)
final class StepsListCommand extends CliCommand {
  @Option(names = {"--classpath", "-cp"}, paramLabel = "CP",
      description = "Jars and class directories to search, separated by the path separator;"
          + " a 'dir/*' entry adds every jar in dir (default: target/classes in the working directory, if present).")
  String classpath;

  @Override
  protected int execute() {
    String searched = classpath != null ? classpath
        : environment().workingDirectory().resolve("target/classes").toString();
    if (classpath == null && !java.nio.file.Files.isDirectory(java.nio.file.Path.of(searched))) {
      err().println("Error: no --classpath given and no target/classes here. Build the project (`mvn package`)"
          + " or pass --classpath=<jars and class directories>.");
      return ExitCodes.USER_ERROR;
    }
    List<StepMetadata> steps = StepIndex.of(Classpath.parse(searched)).steps();
    if (steps.isEmpty()) {
      out().println("No steps found on " + searched + ". Steps are methods annotated with @Step, compiled with"
          + " the stepwise-processor on the annotation processor path.");
      return ExitCodes.OK;
    }
    Table table = new Table("STEP", "METHOD", "STEP_OPERATOR", "RESOURCES");
    for (StepMetadata step : steps) {
      table.row(step.name(), step.declaringClass() + "#" + step.method(),
          step.usesStepOperator() ? step.stepOperator() : "(in process)", resources(step));
    }
    table.print(out());
    return ExitCodes.OK;
  }

  private static String resources(StepMetadata step) {
    return step.resourceSettings().map(r -> {
      List<String> parts = new ArrayList<>();
      if (r.cpuCount() > 0) {
        parts.add("cpu=" + (r.cpuCount() == Math.rint(r.cpuCount()) ? String.valueOf((long) r.cpuCount())
            : String.valueOf(r.cpuCount())));
      }
      if (r.gpuCount() > 0) {
        parts.add("gpu=" + r.gpuCount());
      }
      if (!r.memory().isEmpty()) {
        parts.add("memory=" + r.memory());
      }
      return parts.isEmpty() ? "-" : String.join(" ", parts);
    }).orElse("-");
  }
}

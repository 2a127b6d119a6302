package dev.stepwise.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.annotations.Step;
import dev.stepwise.artifact.ArtifactStore;
import dev.stepwise.flavor.ComponentType;
import dev.stepwise.secret.SecretConfigValues;
import dev.stepwise.spark.SparkExplainable;
import dev.stepwise.spark.SparkExplanation;
import dev.stepwise.spark.SparkSubmission;
import dev.stepwise.spark.StepMetadataLookup;
import dev.stepwise.stack.ResolvedStack;
import dev.stepwise.stack.Stacks;
import dev.stepwise.step.StepMetadata;
import dev.stepwise.support.JsonCodec;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code stepwise step explain STEP}: the exact spark-submit argv of a step and every Spark key with
 * its value and source, without launching anything.
 */
@Command(name = "explain", mixinStandardHelpOptions = true,
    description = "Print the spark-submit argv and every Spark key (value and source) a step would be launched with, "
        + "without launching it. Secrets are shown as ***; <run-id> and <artifact-store> stand for what a run fills in.")
public final class StepExplainCommand extends CliCommand {

  @Parameters(paramLabel = "STEP", description = "A step name, or Class#method (com.acme.WordCount#countWords).")
  String step;

  @Option(names = "--classpath", paramLabel = "CP",
      description = "Where the compiled steps are (default: this JVM's class path).")
  String classpath;

  @Option(names = "--stack", paramLabel = "NAME", description = "Use this stack (default: the active stack).")
  String stack;

  @Option(names = "--pipeline", paramLabel = "NAME",
      description = "The pipeline the step runs in, for the app name and labels (default: the step's name).")
  String pipeline;

  @Mixin
  SparkConfOptions sparkConf = new SparkConfOptions();

  @Option(names = "--json", description = "Print {\"argv\": [...], \"conf\": [{\"key\",\"value\",\"source\"}], \"warnings\": [...]}.")
  boolean json;

  @Override
  protected int execute() {
    try {
      List<String> entries = Arrays.asList((classpath != null ? classpath : System.getProperty("java.class.path"))
          .split(File.pathSeparator));
      StepMetadata metadata = StepMetadataLookup.find(step, entries);
      if (!metadata.usesStepOperator()) {
        throw new IllegalArgumentException("step '" + metadata.name() + "' runs in the orchestrator's process "
            + "(its @Step has no stepOperator), so nothing is submitted to Spark");
      }
      SecretConfigValues secrets = SecretConfigValues.of(environment());
      ResolvedStack resolved = stack == null ? Stacks.active(environment(), secrets)
          : Stacks.named(stack, environment(), secrets);
      // the io keys come from this stack's artifact store (its secret is resolved, never printed)
      SparkExplainable operator = operator(resolved, metadata);
      SparkSubmission submission = operator.explain(metadata, entries,
          pipeline != null ? pipeline : metadata.name(), sparkConf.forStep(metadata.name()),
          resolved.require(ComponentType.ARTIFACT_STORE, ArtifactStore.class));
      List<String> preview = operator.preview(submission, metadata, resolved);
      if (json) {
        ObjectNode explanation = SparkExplanation.json(submission);
        if (!preview.isEmpty()) {
          preview.forEach(explanation.putArray("preview")::add);
        }
        out().println(JsonCodec.mapper().writeValueAsString(explanation));
      } else {
        out().print(SparkExplanation.text(submission));
        if (!preview.isEmpty()) {
          out().println();
          out().println("What the submission creates:");
          preview.forEach(line -> out().println("  " + line));
        }
      }
      out().flush();
      return 0;
    } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException | IOException e) {
      err().println("Error: " + e.getMessage());
      return ExitCodes.USER_ERROR;
    }
  }

  private static SparkExplainable operator(ResolvedStack resolved, StepMetadata metadata) {
    Object component = resolved.components().get(ComponentType.STEP_OPERATOR);
    String wanted = metadata.stepOperator();
    if (!(component instanceof SparkExplainable spark)) {
      throw new IllegalArgumentException("step '" + metadata.name() + "' needs step operator '" + wanted
          + "', but stack '" + resolved.name() + "' has " + (component == null ? "no step operator"
              : "a step operator that is not of the spark flavor")
          + "; register one with 'stepwise step-operator register " + (wanted.equals(Step.ACTIVE_STACK_OPERATOR)
              ? "spark_step_operator" : wanted) + " --flavor=spark --master=local[*] --deploy_mode=client' and add it to the stack");
    }
    if (!wanted.equals(Step.ACTIVE_STACK_OPERATOR) && !wanted.equals(spark.name())) {
      throw new IllegalArgumentException("step '" + metadata.name() + "' needs step operator '" + wanted
          + "', but stack '" + resolved.name() + "' has '" + spark.name() + "'; use --stack with a stack that has it,"
          + " or register it with 'stepwise step-operator register " + wanted
          + " --flavor=spark --master=local[*] --deploy_mode=client' and add it to a stack");
    }
    return spark;
  }
}

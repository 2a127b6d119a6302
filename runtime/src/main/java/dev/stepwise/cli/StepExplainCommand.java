package dev.stepwise.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.artifact.ArtifactStore;
import dev.stepwise.discovery.Classpath;
import dev.stepwise.discovery.StepIndex;
import dev.stepwise.flavor.ComponentType;
import dev.stepwise.operator.StepOperator;
import dev.stepwise.orchestrator.StepPlacements;
import dev.stepwise.spark.SparkExplainable;
import dev.stepwise.spark.SparkExplanation;
import dev.stepwise.spark.SparkSubmission;
import dev.stepwise.stack.ResolvedStack;
import dev.stepwise.step.StepMetadata;
import dev.stepwise.support.JsonCodec;
import dev.stepwise.support.StepwiseException;
import java.io.IOException;
import java.io.UncheckedIOException;
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

  @Mixin
  StackOption stack = new StackOption();

  @Option(names = "--pipeline", paramLabel = "NAME",
      description = "The pipeline the step runs in, for the app name and labels (default: the step's name).")
  String pipeline;

  @Mixin
  SparkConfOptions sparkConf = new SparkConfOptions();

  @Option(names = "--json", description = "Print {\"argv\": [...], \"conf\": [{\"key\",\"value\",\"source\"}], \"warnings\": [...]}.")
  boolean json;

  @Override
  protected int execute() {
    Classpath entries = classpath != null ? Classpath.parse(classpath) : Classpath.ofThisJvm();
    StepMetadata metadata = StepIndex.of(entries).find(step);
    if (!metadata.usesStepOperator()) {
      throw new StepwiseException("Step '" + metadata.name() + "' runs in the orchestrator's process "
          + "(its @Step has no stepOperator), so nothing is submitted to Spark.");
    }
    ResolvedStack resolved = stack.resolve(environment());
    StepOperator operator = StepPlacements.operatorFor(resolved, metadata.name(), metadata.stepOperator());
    if (!(operator instanceof SparkExplainable spark)) {
      throw new StepwiseException("Step '" + metadata.name() + "' runs through step operator '" + operator.name()
          + "' of stack '" + resolved.name() + "', which does not submit to Spark, so there is nothing to explain;"
          + " explain it on a stack whose step operator is of the spark or spark-kubernetes flavor (--stack).");
    }
    // the io keys come from this stack's artifact store (its secret is resolved, never printed)
    // the class path pipeline run gives the step's JVM (Stepwise's own jars too), so --jars and
    // spark.driver.extraClassPath are the ones a launch uses
    SparkSubmission submission = spark.explain(metadata, entries.forStepJvm().strings(),
        pipeline != null ? pipeline : metadata.name(), sparkConf.forStep(metadata.name()),
        resolved.require(ComponentType.ARTIFACT_STORE, ArtifactStore.class));
    List<String> preview = spark.preview(submission, metadata, resolved);
    if (json) {
      ObjectNode explanation = SparkExplanation.json(submission);
      if (!preview.isEmpty()) {
        preview.forEach(explanation.putArray("preview")::add);
      }
      try {
        out().println(JsonCodec.mapper().writeValueAsString(explanation));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    } else {
      out().print(SparkExplanation.text(submission));
      if (!preview.isEmpty()) {
        out().println();
        out().println("What the submission creates:");
        preview.forEach(line -> out().println("  " + line));
      }
    }
    out().flush();
    return ExitCodes.OK;
  }
}

import dev.stepwise.artifact.LocalArtifactStore;
import dev.stepwise.flavor.ComponentModel;
import dev.stepwise.flavor.ComponentType;
import dev.stepwise.flavor.StackView;
import dev.stepwise.orchestrator.LocalOrchestrator;
import dev.stepwise.orchestrator.RunState;
import dev.stepwise.pipeline.Input;
import dev.stepwise.pipeline.Pipeline;
import dev.stepwise.pipeline.PipelineRun;
import dev.stepwise.pipeline.RunOptions;
import dev.stepwise.spark.EmbeddedSparkHome;
import dev.stepwise.spark.SparkStepOperator;
import dev.stepwise.spark.SparkStepOperatorConfig;
import dev.stepwise.spark.fixtures.SparkStepsSteps;
import dev.stepwise.stack.ResolvedStack;
import dev.stepwise.support.StepwiseCacheDir;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The same job as a pipeline step through the spark step operator (local[2], client mode); with
 * {@code --print-spark-home} it only prints the embedded Spark home (assembling it if needed).
 */
public final class BenchStep {
  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("--print-spark-home")) {
      System.out.println(EmbeddedSparkHome.assemble(StepwiseCacheDir.standard()));
      return;
    }
    Path artifacts = Files.createTempDirectory("stepwise-bench");
    SparkStepOperatorConfig config = new SparkStepOperatorConfig("local[2]", "client", Map.of(), null, null);
    ResolvedStack stack = new ResolvedStack(new StackView("bench", Map.of(
        ComponentType.ORCHESTRATOR, new ComponentModel("default", ComponentType.ORCHESTRATOR, "local", Map.of()),
        ComponentType.ARTIFACT_STORE, new ComponentModel("default", ComponentType.ARTIFACT_STORE, "local", Map.of()),
        ComponentType.STEP_OPERATOR, new ComponentModel("spark_ops", ComponentType.STEP_OPERATOR, "spark", Map.of()))),
        Map.of(ComponentType.ORCHESTRATOR, new LocalOrchestrator(1),
            ComponentType.ARTIFACT_STORE, new LocalArtifactStore(artifacts),
            ComponentType.STEP_OPERATOR, new SparkStepOperator("spark_ops", config)));
    Pipeline pipeline = Pipeline.define("bench", () -> SparkStepsSteps.countEvens(Input.of(100_000L)));
    // every run does the work: the same job on both sides, no step output reused from the cache
    PipelineRun run = pipeline.run(RunOptions.defaults().onStack(stack).withoutCache());
    if (run.state() != RunState.COMPLETED) {
      System.err.println("bench step did not complete: " + run.record());
      System.exit(1);
    }
  }
}

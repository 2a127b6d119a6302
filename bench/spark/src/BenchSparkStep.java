import dev.stepwise.pipeline.Input;
import dev.stepwise.pipeline.Pipeline;
import dev.stepwise.pipeline.PipelineDefinition;
import dev.stepwise.spark.fixtures.SparkStepsSteps;

/**
 * BenchPlain's job as a pipeline of one Spark step on the active stack's step operator (the default
 * stack's local_spark: local[*], Spark's default heap, the UI off), run through the packaged CLI:
 * counts the even numbers below 100,000, and prints the class-data archives its driver mapped.
 */
public final class BenchSparkStep implements PipelineDefinition {
  @Override
  public Pipeline pipeline() {
    return Pipeline.define("bench_spark_step", () -> SparkStepsSteps.reportClassArchive(Input.of(100_000L)));
  }
}

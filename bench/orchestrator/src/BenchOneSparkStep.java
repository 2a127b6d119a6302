import dev.stepwise.pipeline.Input;
import dev.stepwise.pipeline.Pipeline;
import dev.stepwise.pipeline.PipelineDefinition;
import dev.stepwise.spark.fixtures.SparkStepsSteps;

/** One small Spark step on the active stack's step operator (the default stack's local_spark). */
public final class BenchOneSparkStep implements PipelineDefinition {
  @Override
  public Pipeline pipeline() {
    return Pipeline.define("bench_one_spark_step", () -> SparkStepsSteps.sleepOnActiveStack(Input.of(0L)));
  }
}

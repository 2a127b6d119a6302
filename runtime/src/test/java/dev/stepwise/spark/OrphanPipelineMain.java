package dev.stepwise.spark;

import dev.stepwise.pipeline.Input;
import dev.stepwise.pipeline.Pipeline;
import dev.stepwise.pipeline.PipelineRun;
import dev.stepwise.pipeline.RunOptions;
import dev.stepwise.spark.fixtures.SparkStepsSteps;

/**
 * An orchestrator JVM for {@link LauncherDeathTest}: runs a sleeping Spark step on the default
 * stack of {@code STEPWISE_CONFIG_DIR} (its built-in {@code local_spark}) until killed.
 */
public final class OrphanPipelineMain {
  public static void main(String[] args) throws Exception {
    Pipeline pipeline = Pipeline.define("orphaned_spark", () -> SparkStepsSteps.sleepInSpark(Input.of(120_000L)));
    PipelineRun run = pipeline.start(RunOptions.defaults().withStepOperator("sleepInSpark", "local_spark"));
    System.out.println("RUN " + run.runId());
    run.await();
  }
}

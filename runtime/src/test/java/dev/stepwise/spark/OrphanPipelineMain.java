package dev.stepwise.spark;

import dev.stepwise.pipeline.Input;
import dev.stepwise.pipeline.Pipeline;
import dev.stepwise.pipeline.PipelineRun;
import dev.stepwise.pipeline.RunOptions;
import dev.stepwise.spark.fixtures.SparkStepsSteps;

/**
 * An orchestrator JVM for {@link LauncherDeathTest}: runs a sleeping Spark step on the default
 * stack of {@code STEPWISE_CONFIG_DIR} (its built-in {@code local_spark}) until killed. Optional
 * arg: how long the step sleeps, in milliseconds (default two minutes).
 */
public final class OrphanPipelineMain {
  public static void main(String[] args) throws Exception {
    long millis = args.length > 0 ? Long.parseLong(args[0]) : 120_000L;
    Pipeline pipeline = Pipeline.define("orphaned_spark", () -> SparkStepsSteps.sleepInSpark(Input.of(millis)));
    PipelineRun run = pipeline.start(RunOptions.defaults().withStepOperator("sleepInSpark", "local_spark"));
    System.out.println("RUN " + run.runId());
    run.await();
  }
}

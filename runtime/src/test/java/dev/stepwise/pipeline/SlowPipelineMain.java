package dev.stepwise.pipeline;

import dev.stepwise.fixtures.NumbersSteps;
import java.nio.file.Path;

/** Runs a slow pipeline through the local step operator until killed; args: artifact directory. */
public final class SlowPipelineMain {
  public static void main(String[] args) throws Exception {
    Pipeline slow = Pipeline.define("interrupted", () -> NumbersSteps.sink(NumbersSteps.sleep(Input.of(120_000L))));
    PipelineRun run = slow.start(RunOptions.defaults().onStack(TestStacks.local(Path.of(args[0]), "local_ops")));
    System.out.println("RUN " + run.runId());
    run.await();
  }
}

package dev.stepwise.pipeline;

import dev.stepwise.fixtures.NumbersPipeline;

/** Runs {@link NumbersPipeline} with {@code Pipeline.run()}: the active stack from the environment. */
public final class DefaultStackMain {
  public static void main(String[] args) throws Exception {
    PipelineRun run = new NumbersPipeline().pipeline().run();
    System.out.println("STATE " + run.state() + " " + run.runId() + " " + run.record().stack());
  }
}

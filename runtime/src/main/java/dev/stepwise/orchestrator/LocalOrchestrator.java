package dev.stepwise.orchestrator;

import dev.stepwise.stack.ResolvedStack;

/** Runs steps from this process: in-process, or through the stack's step operator. */
public final class LocalOrchestrator implements Orchestrator {
  private final int maxParallelism;

  public LocalOrchestrator(int maxParallelism) {
    this.maxParallelism = maxParallelism;
  }

  public int maxParallelism() {
    return maxParallelism;
  }

  @Override
  public RunHandle start(PipelinePlan plan, ResolvedStack stack, RunSettings settings) {
    throw new UnsupportedOperationException("not implemented yet");
  }
}

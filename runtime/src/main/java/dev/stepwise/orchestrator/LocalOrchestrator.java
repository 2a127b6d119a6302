package dev.stepwise.orchestrator;

import dev.stepwise.artifact.ArtifactStorage;
import dev.stepwise.artifact.ArtifactStore;
import dev.stepwise.artifact.Materializers;
import dev.stepwise.flavor.ComponentType;
import dev.stepwise.stack.ResolvedStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Runs a pipeline from this process: steps without a step operator run in-process (their output
 * captured into their log), steps with one are dispatched through the stack's operator; independent
 * steps run in parallel, at most {@code maxParallelism} at once. Ctrl-C cancels the run.
 */
public final class LocalOrchestrator implements Orchestrator {
  private final int maxParallelism;

  public LocalOrchestrator(int maxParallelism) {
    if (maxParallelism < 1) {
      throw new IllegalArgumentException("max_parallelism must be 1 or more, got " + maxParallelism);
    }
    this.maxParallelism = maxParallelism;
  }

  public int maxParallelism() {
    return maxParallelism;
  }

  @Override
  public RunHandle start(PipelinePlan plan, ResolvedStack stack, RunSettings settings) {
    if (plan.steps().isEmpty()) {
      throw new IllegalArgumentException("pipeline '" + plan.pipelineName() + "' has no steps;"
          + " call at least one step stub inside Pipeline.define");
    }
    ArtifactStore store = stack.require(ComponentType.ARTIFACT_STORE, ArtifactStore.class);
    Map<String, StepPlacement> placements = StepPlacements.resolve(plan, stack, settings);
    int parallelism = settings.parallelism() == 0 ? maxParallelism : settings.parallelism();
    // preflight: a store we cannot use fails the run here, before any record exists (one could not be
    // written there anyway) and before any step starts; the StackException names the fix
    store.verifyAccess();
    RunStore runs = new RunStore(store);
    ArtifactStorage storage = new ArtifactStorage(store, Materializers.discover());
    LocalRun run = new LocalRun(LocalRun.newRunId(plan.pipelineName()), plan, stack, settings,
        placements, runs, storage, parallelism);
    try {
      run.prepare();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot record run of pipeline '" + plan.pipelineName()
          + "' in " + store.root() + ": " + e.getMessage(), e);
    }
    run.start();
    return run;
  }
}

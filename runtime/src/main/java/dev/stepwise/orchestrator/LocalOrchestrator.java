package dev.stepwise.orchestrator;

import dev.stepwise.artifact.ArtifactStorage;
import dev.stepwise.artifact.ArtifactStore;
import dev.stepwise.artifact.Materializers;
import dev.stepwise.flavor.ComponentType;
import dev.stepwise.stack.ResolvedStack;
import dev.stepwise.support.StepwiseException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a pipeline from this process: steps without a step operator run in-process (their output
 * captured into their log), steps with one are dispatched through the stack's operator; independent
 * steps run in parallel, at most {@code maxParallelism} at once. Ctrl-C cancels the run.
 */
public final class LocalOrchestrator implements Orchestrator {
  private final int maxParallelism;

  public LocalOrchestrator(int maxParallelism) {
    if (maxParallelism < 1) {
      throw new StepwiseException("max_parallelism must be 1 or more, got " + maxParallelism);
    }
    this.maxParallelism = maxParallelism;
  }

  public int maxParallelism() {
    return maxParallelism;
  }

  @Override
  public RunHandle start(PipelinePlan plan, ResolvedStack stack, RunSettings settings) {
    if (plan.steps().isEmpty()) {
      throw new StepwiseException("pipeline '" + plan.pipelineName() + "' has no steps;"
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
    LocalRun run = LocalRun.fresh(LocalRun.newRunId(plan.pipelineName()), plan, stack, settings,
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

  @Override
  public RunHandle resume(String runId, PipelinePlan plan, ResolvedStack stack, Optional<RunSettings> given) {
    ArtifactStore store = stack.require(ComponentType.ARTIFACT_STORE, ArtifactStore.class);
    store.verifyAccess();
    RunStore runs = new RunStore(store);
    try {
      RunRecord earlier = resumable(runs, runId, plan, stack);
      RunSettings settings = given.orElseGet(() -> earlier.origin().orElseThrow(() -> new StepwiseException(
          "run '" + runId + "' was recorded before runs kept how they were started; resume it with RunOptions"))
          .settings(runId, Map.of(), Map.of()));
      Map<String, StepPlacement> placements = StepPlacements.resolve(plan, stack, settings);
      int parallelism = settings.parallelism() == 0 ? maxParallelism : settings.parallelism();
      RunStore.Claim claim = runs.claimResume(runId);
      LocalRun run;
      try {
        // checked again under the claim: another process may have resumed it in between
        RunRecord current = resumable(runs, runId, plan, stack);
        run = LocalRun.resumed(current, plan, stack, settings, placements, runs,
            new ArtifactStorage(store, Materializers.discover()), parallelism);
        run.prepareResume();
      } catch (IOException | RuntimeException e) {
        claim.release();
        throw e;
      }
      run.start(claim::release);
      return run;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot resume run '" + runId + "' in " + store.root() + ": " + e.getMessage(), e);
    }
  }

  /** The run's record if it may be resumed with {@code plan} on {@code stack}; else why not, and the fix. */
  private static RunRecord resumable(RunStore runs, String runId, PipelinePlan plan, ResolvedStack stack)
      throws IOException {
    RunRecord run = runs.describe(runId).orElseThrow(() -> new StepwiseException("no run '" + runId + "' in "
        + runs.artifactStore().root() + "; see 'stepwise run list'"));
    if (!run.pipeline().equals(plan.pipelineName())) {
      throw new StepwiseException("run '" + runId + "' is a run of pipeline '" + run.pipeline() + "', not '"
          + plan.pipelineName() + "'; resume it with the pipeline it ran");
    }
    List<String> recorded = run.steps().stream().map(StepRecord::invocationId).toList();
    if (!recorded.equals(plan.invocationIds())) {
      throw new StepwiseException("run '" + runId + "' cannot be resumed: pipeline '" + plan.pipelineName()
          + "' has other steps now (" + plan.invocationIds() + ") than when it ran (" + recorded + "); start a new"
          + " run instead (steps whose code and inputs did not change come from the cache)");
    }
    if (!run.stack().equals(stack.name())) {
      throw new StepwiseException("run '" + runId + "' ran on stack '" + run.stack() + "', not '" + stack.name()
          + "'; resume it there (--stack " + run.stack() + ")");
    }
    run.whyNotResumable().ifPresent(why -> {
      throw new StepwiseException(why);
    });
    return run;
  }
}

package dev.stepwise.orchestrator;

import dev.stepwise.stack.ResolvedStack;

/**
 * Runs a pipeline plan on a stack: checks that every step can run there, then runs the steps in
 * dependency order and records the run in the stack's artifact store.
 */
public interface Orchestrator {

  /**
   * Checks the plan against the stack and starts the run. Everything that can be checked before a
   * step starts is checked here and thrown as {@link dev.stepwise.stack.StackException} or
   * {@link IllegalArgumentException}, with nothing recorded or launched.
   */
  RunHandle start(PipelinePlan plan, ResolvedStack stack, RunSettings settings);

  /**
   * Continues run {@code runId} of {@code plan}, recorded in {@code stack}'s artifact store, under the
   * same id: steps that succeeded keep their outputs; a step whose work may still run on a cluster is
   * followed, never submitted twice; failed, cancelled and never started steps run. {@code settings}
   * empty: those the run was started with. Refused, with the reason and nothing changed, for a run
   * that completed, one still driven by a live process, or one whose pipeline changed since.
   */
  RunHandle resume(String runId, PipelinePlan plan, ResolvedStack stack, java.util.Optional<RunSettings> settings);
}

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
}

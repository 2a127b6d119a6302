package dev.stepwise.orchestrator;

/**
 * The state of a whole run: RUNNING, then exactly one final state. INTERRUPTED is not final: the
 * process that ran the run died while a step of it still ran on a cluster (a driver pod, a
 * standalone cluster-mode driver); {@code stepwise run resume} follows that step to its end.
 */
public enum RunState {
  RUNNING,
  INTERRUPTED,
  COMPLETED,
  FAILED,
  CANCELLED;

  public boolean isFinal() {
    return this != RUNNING && this != INTERRUPTED;
  }
}

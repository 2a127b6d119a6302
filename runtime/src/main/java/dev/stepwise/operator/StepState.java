package dev.stepwise.operator;

/**
 * The state of one step in a run. A step goes PENDING → RUNNING → one final state, or straight
 * from PENDING to SKIPPED (an upstream step failed), CACHED (an earlier run's output is reused) or
 * CANCELLED; final states never change.
 */
public enum StepState {
  PENDING,
  RUNNING,
  COMPLETED,
  CACHED,
  FAILED,
  CANCELLED,
  SKIPPED;

  /** Whether the step has its output: it completed, or it reuses an earlier run's. */
  public boolean succeeded() {
    return this == COMPLETED || this == CACHED;
  }

  public boolean isFinal() {
    return this != PENDING && this != RUNNING;
  }
}

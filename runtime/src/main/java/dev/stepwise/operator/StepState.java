package dev.stepwise.operator;

/**
 * The state of one step in a run. A step goes PENDING → RUNNING → one final state, or straight
 * from PENDING to SKIPPED (an upstream step failed) or CANCELLED; final states never change.
 */
public enum StepState {
  PENDING,
  RUNNING,
  COMPLETED,
  FAILED,
  CANCELLED,
  SKIPPED;

  public boolean isFinal() {
    return this != PENDING && this != RUNNING;
  }
}

package dev.stepwise.orchestrator;

/** The state of a whole run: RUNNING, then exactly one final state. */
public enum RunState {
  RUNNING,
  COMPLETED,
  FAILED,
  CANCELLED;

  public boolean isFinal() {
    return this != RUNNING;
  }
}

package dev.stepwise.orchestrator;

/** A started run. */
public interface RunHandle {
  String runId();
}

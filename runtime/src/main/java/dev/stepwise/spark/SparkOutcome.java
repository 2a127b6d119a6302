package dev.stepwise.spark;

import java.util.List;
import java.util.Optional;

/**
 * How a Spark step ended: its final state, spark-submit's exit code, the application id, and on
 * failure the reason and the last lines of the driver's output.
 */
public record SparkOutcome(
    SparkStepState state, int exitCode, Optional<String> appId, String reason, List<String> lastLines) {
  public SparkOutcome {
    lastLines = List.copyOf(lastLines);
  }

  public boolean succeeded() {
    return state == SparkStepState.SUCCEEDED;
  }
}

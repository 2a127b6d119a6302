package dev.stepwise.orchestrator;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A pipeline run as recorded at {@code runs/<run id>/run.json} in the artifact store, rewritten
 * atomically at every state change.
 */
public record RunRecord(
    String runId,
    String pipeline,
    String stack,
    RunState state,
    Instant startedAt,
    Optional<Instant> endedAt,
    Optional<String> error,
    List<StepRecord> steps) {

  public RunRecord {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(pipeline, "pipeline");
    Objects.requireNonNull(stack, "stack");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(startedAt, "startedAt");
    endedAt = endedAt == null ? Optional.empty() : endedAt;
    error = error == null ? Optional.empty() : error;
    steps = steps == null ? List.of() : List.copyOf(steps);
  }

  public Optional<StepRecord> step(String invocationId) {
    return steps.stream().filter(s -> s.invocationId().equals(invocationId)).findFirst();
  }
}

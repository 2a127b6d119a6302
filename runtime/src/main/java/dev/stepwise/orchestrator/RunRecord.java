package dev.stepwise.orchestrator;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A pipeline run as recorded at {@code runs/<run id>/run.json} in the artifact store, rewritten
 * atomically at every state change.
 *
 * @param runId the run's id
 * @param pipeline the pipeline's name
 * @param stack the stack it ran on
 * @param state the run's state
 * @param startedAt when it started
 * @param endedAt when it reached its final state
 * @param error why it did not complete
 * @param orchestrator the process running it, so a run whose process died can be told apart
 * @param steps its steps in definition order
 */
public record RunRecord(
    String runId,
    String pipeline,
    String stack,
    RunState state,
    Instant startedAt,
    Optional<Instant> endedAt,
    Optional<String> error,
    Optional<OrchestratorProcess> orchestrator,
    List<StepRecord> steps) {

  public RunRecord {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(pipeline, "pipeline");
    Objects.requireNonNull(stack, "stack");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(startedAt, "startedAt");
    endedAt = endedAt == null ? Optional.empty() : endedAt;
    error = error == null ? Optional.empty() : error;
    orchestrator = orchestrator == null ? Optional.empty() : orchestrator;
    steps = steps == null ? List.of() : List.copyOf(steps);
  }

  public Optional<StepRecord> step(String invocationId) {
    return steps.stream().filter(s -> s.invocationId().equals(invocationId)).findFirst();
  }

  /** The process running a run: on this host, is it still alive? */
  public record OrchestratorProcess(String host, long pid) {

    public static OrchestratorProcess current() {
      return new OrchestratorProcess(localHost(), ProcessHandle.current().pid());
    }

    /** True only when it ran on this host and that process is gone. */
    public boolean knownGone() {
      return host.equals(localHost()) && ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
    }

    static String localHost() {
      try {
        return java.net.InetAddress.getLocalHost().getHostName();
      } catch (java.io.IOException e) {
        return "unknown";
      }
    }
  }

  /** Whether the run is recorded as running but the process running it is gone. */
  public boolean orphaned() {
    return !state.isFinal() && orchestrator.map(OrchestratorProcess::knownGone).orElse(false);
  }
}

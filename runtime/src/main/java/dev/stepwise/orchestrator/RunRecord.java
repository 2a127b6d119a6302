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
 * @param origin how it was started, for {@code stepwise run resume}; empty in records from before resume
 * @param resumedAt when it was resumed, in order (empty when it never was)
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
    List<StepRecord> steps,
    Optional<RunOrigin> origin,
    List<Instant> resumedAt) {

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
    origin = origin == null ? Optional.empty() : origin;
    resumedAt = resumedAt == null ? List.of() : List.copyOf(resumedAt);
  }

  public RunRecord(String runId, String pipeline, String stack, RunState state, Instant startedAt,
      Optional<Instant> endedAt, Optional<String> error, Optional<OrchestratorProcess> orchestrator,
      List<StepRecord> steps) {
    this(runId, pipeline, stack, state, startedAt, endedAt, error, orchestrator, steps, Optional.empty(), List.of());
  }

  /** This record with step {@code invocationId} changed by {@code change}. */
  public RunRecord withStep(String invocationId, java.util.function.UnaryOperator<StepRecord> change) {
    return withSteps(steps.stream().map(s -> s.invocationId().equals(invocationId) ? change.apply(s) : s).toList());
  }

  public RunRecord withSteps(List<StepRecord> changed) {
    return new RunRecord(runId, pipeline, stack, state, startedAt, endedAt, error, orchestrator, changed, origin,
        resumedAt);
  }

  /** This record, not ended, in {@code changed} state (RUNNING again, or INTERRUPTED) with {@code why}. */
  RunRecord reopened(RunState changed, Optional<String> why, Optional<OrchestratorProcess> by, List<Instant> resumes) {
    return new RunRecord(runId, pipeline, stack, changed, startedAt, Optional.empty(), why, by, steps, origin, resumes);
  }

  RunRecord withOrigin(RunOrigin started) {
    return new RunRecord(runId, pipeline, stack, state, startedAt, endedAt, error, orchestrator, steps,
        Optional.of(started), resumedAt);
  }

  /** This record ended in {@code finalState} at {@code at}, with {@code why} when it did not complete. */
  public RunRecord ended(RunState finalState, Instant at, Optional<String> why) {
    return new RunRecord(runId, pipeline, stack, finalState, startedAt, Optional.of(at), why, orchestrator, steps,
        origin, resumedAt);
  }

  public Optional<StepRecord> step(String invocationId) {
    return steps.stream().filter(s -> s.invocationId().equals(invocationId)).findFirst();
  }

  /**
   * The process running a run, identified well enough that a reader elsewhere (another PID
   * namespace, after a reboot, after its PID was reused) is not fooled into declaring it dead.
   *
   * @param host the host name
   * @param pid its PID in its own PID namespace
   * @param startTicks its start time in clock ticks since boot ({@code /proc/<pid>/stat} field 22)
   * @param bootId the kernel's boot id when it ran
   * @param pidNamespace its PID namespace, as {@code pid:[inode]}
   */
  public record OrchestratorProcess(String host, long pid, Optional<Long> startTicks,
      Optional<String> bootId, Optional<String> pidNamespace) {

    public OrchestratorProcess {
      Objects.requireNonNull(host, "host");
      startTicks = startTicks == null ? Optional.empty() : startTicks;
      bootId = bootId == null ? Optional.empty() : bootId;
      pidNamespace = pidNamespace == null ? Optional.empty() : pidNamespace;
    }

    public static OrchestratorProcess current() {
      long pid = ProcessHandle.current().pid();
      return new OrchestratorProcess(localHost(), pid, ProcessIdentity.startTicks(pid),
          ProcessIdentity.bootId(), ProcessIdentity.pidNamespace());
    }

    /** Whether this process still runs, decided only from what this process can see for sure. */
    public Liveness liveness() {
      String who = "pid " + pid + " on " + host;
      if (!host.equals(localHost())) {
        return Liveness.unknown(who + " runs on another host, whose processes cannot be seen from here");
      }
      Optional<String> bootHere = ProcessIdentity.bootId();
      if (bootId.isPresent() && bootHere.isPresent() && !bootId.get().equals(bootHere.get())) {
        return Liveness.gone(who + " ran before this host last booted");
      }
      Optional<String> namespaceHere = ProcessIdentity.pidNamespace();
      if (pidNamespace.isPresent() && !pidNamespace.equals(namespaceHere)) {
        return Liveness.unknown(who + " runs in PID namespace " + pidNamespace.get() + ", not "
            + namespaceHere.orElse("this one") + ", whose processes cannot be seen from here");
      }
      if (pidNamespace.isEmpty() || bootId.isEmpty() || startTicks.isEmpty()) {
        // recorded without an identity (an older record, or no /proc): the PID alone is all there is
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isPresent()
            ? Liveness.alive(who + " is alive (by PID only)")
            : Liveness.gone(who + " is gone");
      }
      Optional<Long> ticksHere = ProcessIdentity.startTicks(pid);
      if (ticksHere.isEmpty()) {
        return Liveness.gone(who + " is gone");
      }
      return ticksHere.equals(startTicks)
          ? Liveness.alive(who + " is alive")
          : Liveness.gone(who + " is gone; its PID now belongs to a process started later");
    }

    /** True only when this process can be sure the process is gone. */
    public boolean knownGone() {
      return liveness().state() == Liveness.State.GONE;
    }

    static String localHost() {
      try {
        return java.net.InetAddress.getLocalHost().getHostName();
      } catch (java.io.IOException e) {
        return "unknown";
      }
    }
  }

  /**
   * Why this run, as recorded now, cannot be resumed: it completed, or a process that may be alive
   * still drives it (the reason names how to go on). Empty for a failed, cancelled or interrupted run.
   */
  public Optional<String> whyNotResumable() {
    if (state == RunState.COMPLETED) {
      return Optional.of("run '" + runId + "' completed; there is nothing to resume");
    }
    if (state != RunState.RUNNING) {
      return Optional.empty();
    }
    Liveness live = liveness().orElseThrow();
    return Optional.of("run '" + runId + "' is still running (" + live.explanation() + "); one process drives a run"
        + " at a time: wait for it, follow it with 'stepwise run logs " + runId + " --follow', or cancel it with"
        + " 'stepwise run cancel " + runId + "' and then resume it"
        + (live.state() == Liveness.State.UNKNOWN ? ", or resume it from the host that runs it" : ""));
  }

  /** Whether the run is recorded as running but the process running it is gone. */
  public boolean orphaned() {
    return !state.isFinal() && orchestrator.map(OrchestratorProcess::knownGone).orElse(false);
  }

  /** For a run recorded as not yet ended: whether its process still runs; empty when it has ended. */
  public Optional<Liveness> liveness() {
    if (state.isFinal()) {
      return Optional.empty();
    }
    return Optional.of(orchestrator.map(OrchestratorProcess::liveness)
        .orElse(Liveness.unknown("the record does not say which process runs it")));
  }
}

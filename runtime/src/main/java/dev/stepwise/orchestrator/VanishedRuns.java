package dev.stepwise.orchestrator;

import dev.stepwise.artifact.ArtifactStore;
import dev.stepwise.operator.StepLaunchRecords;
import dev.stepwise.operator.StepState;
import dev.stepwise.step.StepError;
import dev.stepwise.step.StepResult;
import dev.stepwise.support.JsonCodec;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes the record of a run whose orchestrator process died without recording its end (SIGKILL,
 * a crash). A running step's own result record is the truth: an orphan (a spark-submit) may have
 * finished by itself, so the step is COMPLETED with its output, or FAILED with the result's reason.
 * Without a result record it is FAILED with the reason read from the step operators' launch
 * records (whose survivors are killed first) and the tail of its log. Pending steps are SKIPPED. A
 * step whose work still runs on a cluster (a driver pod, a cluster-mode driver) is not closed: the
 * run is INTERRUPTED until {@code stepwise run resume} follows it, or until it ends.
 */
final class VanishedRuns {
  private static final Logger LOG = LoggerFactory.getLogger(VanishedRuns.class);

  private final List<StepLaunchRecords> launchRecords;

  VanishedRuns(List<StepLaunchRecords> launchRecords) {
    this.launchRecords = List.copyOf(launchRecords);
  }

  static VanishedRuns fromServiceLoader() {
    List<StepLaunchRecords> found = new ArrayList<>();
    try {
      ServiceLoader.load(StepLaunchRecords.class, VanishedRuns.class.getClassLoader()).forEach(found::add);
    } catch (ServiceConfigurationError e) {
      LOG.warn("a step launch record reader could not be loaded: {}", e.getMessage());
    }
    return new VanishedRuns(found);
  }

  /**
   * The record of an orphaned run, closed, or INTERRUPTED while a step's work still runs on a
   * cluster (that step stays RUNNING, saying what runs where; steps not started stay PENDING for
   * {@code stepwise run resume}); {@code stepDirectory} maps an invocation to its directory.
   */
  RunRecord settle(RunRecord run, Function<String, URI> stepDirectory,
      ArtifactStore store) {
    Liveness gone = run.liveness().orElseThrow();
    RunRecord.OrchestratorProcess process = run.orchestrator().orElseThrow();
    String died = "the orchestrator process (pid " + process.pid() + " on " + process.host()
        + ") died while the step ran, so its outcome is unknown";
    Instant now = Instant.now();
    List<StepRecord> steps = new ArrayList<>();
    List<String> detached = new ArrayList<>();
    for (StepRecord step : run.steps()) {
      if (step.state() == StepState.RUNNING) {
        URI directory = stepDirectory.apply(step.invocationId());
        Optional<StepResult> result = result(store, directory.resolve("result.json"));
        // the cluster is asked only when the step has not ended: a result record already says how it did
        Optional<String> runsOn = result.isPresent() ? Optional.empty() : stillRunning(store, directory);
        if (runsOn.isPresent()) {
          detached.add(step.invocationId() + " (" + runsOn.get() + ")");
          steps.add(step.detached(runsOn.get()));
          continue;
        }
        // what survived is killed in every case, also a spark-submit that wrote its result but lingers
        Optional<String> launchReason = reason(store, directory);
        if (result.isPresent()) {
          steps.add(ended(step, result, died, store, now));
          continue;
        }
        // a failure it recorded while being killed just now ("SparkContext was shut down") is the kill's
        // doing, not the step's: the orchestrator's death is the reason
        Optional<StepResult> asKilled = result(store, directory.resolve("result.json"));
        if (asKilled.isPresent() && asKilled.get().succeeded()) {
          steps.add(ended(step, asKilled, died, store, now));
        } else {
          steps.add(ended(step, Optional.empty(), launchReason.orElse(died) + asKilled.flatMap(StepResult::error)
              .map(e -> "; as it was killed it recorded: " + e.summary().lines().findFirst().orElse("")).orElse(""),
              store, now));
        }
      } else {
        steps.add(step);
      }
    }
    if (!detached.isEmpty()) {
      String why = "the process that ran it (" + gone.explanation() + ") died while " + String.join(", ", detached)
          + " still ran on the cluster; 'stepwise run resume " + run.runId() + "' follows it to its end and runs"
          + " the steps left";
      return run.withSteps(steps).reopened(RunState.INTERRUPTED, Optional.of(why), run.orchestrator(),
          run.resumedAt());
    }
    List<StepRecord> closed = new ArrayList<>();
    for (StepRecord step : steps) {
      closed.add(step.state().isFinal() ? step : step.ended(StepState.SKIPPED, Optional.empty(), Optional.of(
          StepError.of("never started: the orchestrator process (pid " + process.pid() + ") died first")),
          Optional.empty(), now));
    }
    boolean allCompleted = closed.stream().allMatch(s -> s.state().succeeded());
    String ended = "the process that ran it (" + gone.explanation() + ") died before the run ended";
    Optional<String> error = allCompleted ? Optional.empty() : Optional.of(ended + "; failed steps: "
        + closed.stream().filter(s -> s.state() == StepState.FAILED).map(StepRecord::invocationId).toList()
        + "; 'stepwise run resume " + run.runId() + "' runs the steps that did not complete");
    return run.withSteps(closed).ended(allCompleted ? RunState.COMPLETED : RunState.FAILED, now, error);
  }

  /**
   * A running step whose orchestrator died, ended by its result record or as FAILED with {@code died}
   * and its log's tail; the attempt is kept, so a resumed run starts the next one (a new driver pod).
   */
  private static StepRecord ended(StepRecord step, Optional<StepResult> result, String died, ArtifactStore store,
      Instant now) {
    StepAttempt attempt;
    StepRecord ended;
    if (result.isPresent() && result.get().succeeded()) {
      attempt = new StepAttempt(step.nextAttempt(), step.startedAt().orElse(now), Optional.of(result.get().endedAt()),
          Optional.of(result.get().exitCode()), Optional.empty(), Optional.empty());
      ended = step.ended(StepState.COMPLETED, Optional.of(result.get().exitCode()), Optional.empty(),
          result.get().output(), result.get().endedAt());
    } else if (result.isPresent()) {
      attempt = new StepAttempt(step.nextAttempt(), step.startedAt().orElse(now), Optional.of(result.get().endedAt()),
          Optional.of(result.get().exitCode()), result.get().error().map(e -> e.summary().lines().findFirst().orElse("")),
          Optional.of("not retried: the orchestrator was gone"));
      ended = step.ended(StepState.FAILED, Optional.of(result.get().exitCode()), result.get().error(),
          Optional.empty(), result.get().endedAt()).withLogTail(StepLogTail.of(store, step.log()));
    } else {
      List<String> tail = StepLogTail.of(store, step.log());
      String reason = died + StepLogTail.errorShown(tail)
          .map(shown -> "; its log shows " + shown.text()).orElse("");
      StepError error = new StepError(StepLogTail.errorShown(tail).map(StepLogTail.Shown::className)
          .orElse(""), reason, "");
      attempt = new StepAttempt(step.nextAttempt(), step.startedAt().orElse(now), Optional.of(now), Optional.empty(),
          Optional.of(reason), Optional.of("not retried: the orchestrator was gone"));
      ended = step.ended(StepState.FAILED, Optional.empty(), Optional.of(error), Optional.empty(), now)
          .withLogTail(tail);
    }
    return ended.withAttempt(attempt);
  }

  /**
   * Cancels an INTERRUPTED run no process drives: the work its detached steps still run on a cluster
   * is stopped through their operators' records, those steps end CANCELLED (FAILED with the reason
   * when the stop is not confirmed), steps never started are SKIPPED, and the run ends CANCELLED.
   */
  RunRecord cancelInterrupted(RunRecord run, Function<String, URI> stepDirectory, ArtifactStore store) {
    Instant now = Instant.now();
    List<String> unconfirmed = new ArrayList<>();
    List<StepRecord> steps = new ArrayList<>();
    for (StepRecord step : run.steps()) {
      if (step.state().isFinal()) {
        steps.add(step);
      } else if (step.state() == StepState.RUNNING) {
        Optional<StepLaunchRecords.Stopped> stopped = stopDetached(store, stepDirectory.apply(step.invocationId()));
        if (stopped.isEmpty() || stopped.get().confirmed()) {
          steps.add(step.ended(StepState.CANCELLED, Optional.empty(), Optional.of(StepError.of("the run was cancelled"
              + stopped.map(s -> ": " + s.what()).orElse(""))), Optional.empty(), now));
        } else {
          unconfirmed.add(step.invocationId() + ": " + stopped.get().what());
          steps.add(step.ended(StepState.FAILED, Optional.empty(), Optional.of(StepError.of("cancel could not be"
              + " confirmed: " + stopped.get().what())), Optional.empty(), now));
        }
      } else {
        steps.add(step.ended(StepState.SKIPPED, Optional.empty(), Optional.of(StepError.of(
            "never started: the run was cancelled")), Optional.empty(), now));
      }
    }
    return unconfirmed.isEmpty()
        ? run.withSteps(steps).ended(RunState.CANCELLED, now, Optional.of("cancelled"))
        : run.withSteps(steps).ended(RunState.FAILED, now, Optional.of("cancel could not be confirmed for "
            + String.join("; ", unconfirmed)));
  }

  private Optional<StepLaunchRecords.Stopped> stopDetached(ArtifactStore store, URI stepDirectory) {
    for (StepLaunchRecords records : launchRecords) {
      try {
        Optional<StepLaunchRecords.Stopped> stopped = records.stopDetached(store, stepDirectory);
        if (stopped.isPresent()) {
          return stopped;
        }
      } catch (RuntimeException e) {
        return Optional.of(new StepLaunchRecords.Stopped(false, e.toString()));
      }
    }
    return Optional.empty();
  }

  private Optional<String> stillRunning(ArtifactStore store, URI stepDirectory) {
    for (StepLaunchRecords records : launchRecords) {
      try {
        Optional<String> runs = records.stillRunning(store, stepDirectory);
        if (runs.isPresent()) {
          return runs;
        }
      } catch (RuntimeException e) {
        LOG.warn("asking whether the step in {} still runs failed: {}", stepDirectory, e.toString());
      }
    }
    return Optional.empty();
  }

  private static Optional<StepResult> result(ArtifactStore store, URI uri) {
    try {
      return store.exists(uri)
          ? Optional.of(JsonCodec.mapper().readValue(store.read(uri), StepResult.class))
          : Optional.empty();
    } catch (IOException | RuntimeException e) {
      LOG.warn("unreadable result record {}: {}", uri, e.toString());
      return Optional.empty();
    }
  }

  private Optional<String> reason(ArtifactStore store, URI stepDirectory) {
    for (StepLaunchRecords records : launchRecords) {
      try {
        Optional<String> reason = records.settleVanished(store, stepDirectory);
        if (reason.isPresent()) {
          return reason;
        }
      } catch (RuntimeException e) {
        LOG.warn("reading the launch record in {} failed: {}", stepDirectory, e.toString());
      }
    }
    return Optional.empty();
  }
}

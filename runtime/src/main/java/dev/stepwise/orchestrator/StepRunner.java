package dev.stepwise.orchestrator;

import dev.stepwise.artifact.ArtifactStorage;
import dev.stepwise.operator.EntrypointCommand;
import dev.stepwise.operator.InfrastructureFailure;
import dev.stepwise.operator.StepLaunch;
import dev.stepwise.operator.StepLaunchException;
import dev.stepwise.operator.StepLog;
import dev.stepwise.operator.StepRunInfo;
import dev.stepwise.orchestrator.PipelinePlan.PlannedInput;
import dev.stepwise.orchestrator.PipelinePlan.PlannedStep;
import dev.stepwise.stack.ResolvedStack;
import dev.stepwise.step.StepError;
import dev.stepwise.step.StepExecution;
import dev.stepwise.step.StepExitCode;
import dev.stepwise.step.StepResult;
import dev.stepwise.step.StepRunSpec;
import dev.stepwise.support.DurationText;
import dev.stepwise.support.JsonCodec;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one step of a run to its end: runs it in-process, or writes its spec and runs it through its
 * step operator, and reads its result record, which is the truth of the step. A failed attempt runs
 * again, after a doubling backoff, as often as {@code @Step(retries)} allows and {@link RetryPolicy}
 * agrees. It decides nothing about the run; {@link LocalRun} records what it returns.
 */
final class StepRunner {
  private static final Logger LOG = LoggerFactory.getLogger(StepRunner.class);
  private static final Duration BACKOFF_POLL = Duration.ofMillis(200);

  private final String runId;
  private final PipelinePlan plan;
  private final Map<String, PlannedStep> steps;
  private final Map<String, StepPlacement> placements;
  private final RunSettings settings;
  private final RunStore runs;
  private final ArtifactStorage storage;
  private final ResolvedStack stack;
  private final BooleanSupplier cancelRequested;
  private final Map<String, StepLaunch> launches;
  private final Duration cancelGrace;

  StepRunner(String runId, PipelinePlan plan, Map<String, StepPlacement> placements, RunSettings settings,
      RunStore runs, ArtifactStorage storage, ResolvedStack stack, BooleanSupplier cancelRequested,
      Map<String, StepLaunch> launches, Duration cancelGrace) {
    this.runId = runId;
    this.plan = plan;
    this.steps = new LinkedHashMap<>();
    plan.steps().forEach(s -> steps.put(s.invocationId(), s));
    this.placements = placements;
    this.settings = settings;
    this.runs = runs;
    this.storage = storage;
    this.stack = stack;
    this.cancelRequested = cancelRequested;
    this.launches = launches;
    this.cancelGrace = cancelGrace;
  }

  /** How a step ended: its result, the exit code when there was one, and its last log lines. */
  record Outcome(StepResult result, Optional<Integer> exitCode, List<String> logTail) {}

  /**
   * Runs step {@code invocationId}, whose upstream outputs {@code current} records, attempt after
   * attempt until one succeeds or no retry is due, after writing {@code firstLine} (its cache
   * verdict) to its log; each ended attempt goes to {@code attempts} as it ends. Empty when the step
   * was stopped by a cancel of the run (the run records that). Attempts are numbered from
   * {@code first} (a resumed run goes on from the attempts it recorded); with {@code reattach}, that
   * first attempt may still run from an orchestrator that died, and its operator follows it if it can.
   */
  Optional<Outcome> run(String invocationId, RunRecord current, String firstLine, Consumer<StepAttempt> attempts,
      int first, boolean reattach) {
    PlannedStep step = steps.get(invocationId);
    StepPlacement placement = placements.get(invocationId);
    StepRecord stepRecord = current.step(invocationId).orElseThrow();
    Map<String, URI> inputs = new LinkedHashMap<>();
    for (PlannedInput input : step.inputs()) {
      URI uri = input instanceof PlannedInput.Upstream upstream
          ? current.step(upstream.invocationId()).orElseThrow().output().orElseThrow()
          : runs.literalInput(runId, invocationId, input.name());
      inputs.put(input.name(), uri);
    }
    StepRunSpec spec = new StepRunSpec(runId, plan.pipelineName(), step.stepName(), invocationId,
        runs.artifactStore().root(), inputs, runs.stepFile(runId, invocationId, "output/"),
        runs.stepFile(runId, invocationId, "result.json"));
    URI specUri = runs.stepFile(runId, invocationId, "spec.json");
    int allowed = placement.metadata().retries() + 1;
    int last = first + allowed - 1;

    StepLogTail tail = new StepLogTail();
    try (StepLogFile log = new StepLogFile(invocationId,
        runs.artifactStore().append(stepRecord.log()), ThreadOutputRouter.console(), tail)) {
      log.line(StepLog.Stream.STDOUT, firstLine);
      for (int number = first; ; number++) {
        Instant startedAt = Instant.now();
        Optional<Attempt> attempt = attempt(number, reattach && number == first, placement, step, spec, specUri,
            log, tail);
        if (attempt.isEmpty()) {
          attempts.accept(new StepAttempt(number, startedAt, Optional.of(Instant.now()), Optional.empty(),
              Optional.of("cancelled"), Optional.of("not retried: the run was cancelled")));
          return Optional.empty();
        }
        StepResult result = attempt.get().result();
        Optional<String> reason = result.error().map(e -> e.summary().lines().findFirst().orElse(""));
        RetryPolicy.Verdict verdict = result.succeeded() ? null : RetryPolicy.judge(attempt.get().end());
        boolean again = verdict != null && verdict.retryable() && number < last;
        Optional<String> said = verdict == null ? Optional.empty() : Optional.of(again
            ? "retried: " + verdict.why()
            : "not retried: " + (verdict.retryable() ? "no retries left (@Step(retries = " + (allowed - 1) + "))"
                : verdict.why()));
        attempts.accept(new StepAttempt(number, startedAt, Optional.of(Instant.now()),
            attempt.get().end().exitCode(), reason, said));
        if (!again) {
          if (!result.succeeded() && allowed > 1) {
            log.line(StepLog.Stream.STDERR, "stepwise: attempt " + number + " of " + last + " failed; "
                + said.orElseThrow());
          }
          return Optional.of(new Outcome(result, attempt.get().exitCode(), tail.lines()));
        }
        Duration wait = settings.backoffBefore(number + 1);
        log.line(StepLog.Stream.STDERR, "stepwise: attempt " + number + " of " + last + " failed: "
            + reason.orElse("") + "; " + verdict.why() + ", so attempt " + (number + 1) + " starts in "
            + DurationText.of(wait));
        if (!backoff(wait)) {
          log.line(StepLog.Stream.STDERR, "stepwise: the run was cancelled while step '" + invocationId
              + "' waited to retry; no attempt " + (number + 1) + " (it ends CANCELLED)");
          return Optional.empty();
        }
        log.line(StepLog.Stream.STDERR, "stepwise: attempt " + (number + 1) + " of " + last + " after "
            + DurationText.of(wait) + ": previous attempt failed: " + reason.orElse(""));
      }
    } catch (IOException e) {
      // the step log could not be opened: nothing was launched, and nothing will be the second time either
      StepResult result = StepResult.failure(StepExitCode.ENTRYPOINT_FAILED,
          StepError.of("step '" + invocationId + "' could not be started", e), Instant.now());
      return Optional.of(new Outcome(result, Optional.empty(), tail.lines()));
    }
  }

  /** One attempt's end: its result, the exit code to record, and what the retry policy weighs. */
  private record Attempt(StepResult result, Optional<Integer> exitCode, RetryPolicy.AttemptEnd end) {}

  /**
   * Runs one attempt, or follows it when {@code reattach} and its operator finds it still running;
   * empty when a cancel of the run stopped it.
   */
  private Optional<Attempt> attempt(int number, boolean reattach, StepPlacement placement, PlannedStep step,
      StepRunSpec spec, URI specUri, StepLog log, StepLogTail tail) {
    String invocationId = step.invocationId();
    StepResult result;
    Optional<Integer> exitCode;
    RetryPolicy.AttemptEnd end;
    try {
      // a reattached attempt may be running, or have ended, on its cluster: its spec and result are its own
      if (!reattach) {
        // the spec is for the process a step operator launches; an in-process step is given it in memory
        if (placement.operator().isPresent()) {
          runs.artifactStore().write(specUri, JsonCodec.mapper().writeValueAsBytes(spec));
        }
        if (number > 1) {
          // an earlier attempt's result record would pass for this one's if this one dies without one
          runs.artifactStore().delete(spec.result());
        }
      }
      if (placement.operator().isEmpty()) {
        result = runInProcess(invocationId, step, spec, log);
        exitCode = Optional.of(result.exitCode());
        end = new RetryPolicy.AttemptEnd(true, exitCode, true, Optional.empty(), Optional.empty());
      } else {
        Ended ended = launch(placement, step, spec, specUri, log, number, reattach);
        exitCode = Optional.of(ended.exitCode());
        ReadResult read = readResult(spec, new ResultlessExit(invocationId, placement.operatorName(),
            ended.exitCode(), ended.timedOutAfter(), tail.lines()), log);
        result = read.result();
        end = new RetryPolicy.AttemptEnd(true,
            Optional.of(read.recorded() && ended.timedOutAfter().isEmpty() ? result.exitCode() : ended.exitCode()),
            read.recorded(), ended.timedOutAfter(), ended.infrastructure());
      }
    } catch (IOException | StepLaunchException e) {
      result = StepResult.failure(StepExitCode.ENTRYPOINT_FAILED,
          StepError.of("step '" + invocationId + "' could not be started", e), Instant.now());
      exitCode = Optional.empty();
      end = new RetryPolicy.AttemptEnd(false, Optional.empty(), false, Optional.empty(), Optional.empty());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
    if (cancelRequested.getAsBoolean() && !result.succeeded()) {
      return Optional.empty(); // killed by the cancel
    }
    return Optional.of(new Attempt(result, exitCode, end));
  }

  /** Waits {@code wait} unless the run is cancelled first; false when it was. */
  private boolean backoff(Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    try {
      while (!cancelRequested.getAsBoolean()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return true;
        }
        // short naps: a cancel from 'stepwise run cancel' is seen as a flag, one in this JVM interrupts too
        Thread.sleep(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), BACKOFF_POLL.toMillis())));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return false;
  }

  /** Writes {@code line} to the log of a step that does not run (a cache hit). */
  void logOnly(String invocationId, RunRecord current, String line) {
    try (StepLogFile log = new StepLogFile(invocationId,
        runs.artifactStore().append(current.step(invocationId).orElseThrow().log()), ThreadOutputRouter.console(),
        new StepLogTail())) {
      log.line(StepLog.Stream.STDOUT, line);
    } catch (IOException e) {
      LOG.warn("cannot write the log of step '{}': {}", invocationId, e.toString());
    }
  }

  private StepResult runInProcess(String invocationId, PlannedStep step, StepRunSpec spec, StepLog log) {
    StepResult result;
    ThreadOutputRouter.bind(log);
    try {
      result = StepExecution.inOrchestrator(storage).execute(spec, step.program());
    } finally {
      ThreadOutputRouter.unbind();
    }
    // the same report a step JVM prints, so 'run logs' explains in-process failures too
    result.error().filter(e -> !cancelRequested.getAsBoolean()).ifPresent(error -> {
      log.line(StepLog.Stream.STDERR, "stepwise: step '" + invocationId + "' failed with exit code "
          + result.exitCode() + " (" + result.status() + "): " + error.message());
      error.stackTrace().lines().forEach(line -> log.line(StepLog.Stream.STDERR, line));
    });
    return result;
  }

  /**
   * How a launched step ended: its exit code, the operator's limit when it timed out, and what the
   * operator saw fail around it.
   */
  private record Ended(int exitCode, Optional<Duration> timedOutAfter, Optional<InfrastructureFailure> infrastructure) {}

  private Ended launch(StepPlacement placement, PlannedStep step, StepRunSpec spec, URI specUri,
      StepLog log, int attempt, boolean reattach) throws StepLaunchException, InterruptedException {
    List<String> classpath = settings.stepClasspath().strings();
    // the store's settings and credentials first: a step JVM opens the store from the spec's URI
    Map<String, String> environment = new LinkedHashMap<>(runs.artifactStore().childEnvironment());
    environment.putAll(settings.environment());
    environment.put("STEPWISE_RUN_ID", runId);
    EntrypointCommand command = new EntrypointCommand(EntrypointCommand.currentJava(), List.of(),
        classpath, placement.metadata().entrypointClass(), List.of("--spec", specUri.toString()),
        environment);
    StepRunInfo info = new StepRunInfo(runId, plan.pipelineName(), step.invocationId(),
        placement.metadata(), specUri, spec.result(), stack, runs.artifactStore(), log,
        settings.sparkConfFor(step.invocationId(), step.stepName()), attempt, reattach);
    StepLaunch launch = placement.operator().get().launch(info, command);
    launches.put(step.invocationId(), launch);
    try {
      if (cancelRequested.getAsBoolean()) {
        throw new InterruptedException("cancelled while launching");
      }
      int code = launch.await();
      return new Ended(code, launch.timedOutAfter(), launch.infrastructureFailure());
    } catch (InterruptedException e) {
      // a cancel that came between launch and await: stop what was just started
      try {
        launch.cancel(cancelGrace);
      } catch (StepLaunchException notStopped) {
        LOG.error("cancelling step '{}': {}", step.invocationId(), notStopped.getMessage());
      }
      throw e;
    } finally {
      launches.remove(step.invocationId());
    }
  }

  /**
   * The entrypoint's result record, which is the truth even when the launcher's exit code says
   * otherwise (a cluster-mode spark-submit exits 0 whatever its driver did), except for a failure it
   * wrote while its timeout stopped it; a failure saying why when there is none.
   */
  /** What {@link #readResult} found: the step's result, and whether the entrypoint left a result record. */
  private record ReadResult(StepResult result, boolean recorded) {}

  private ReadResult readResult(StepRunSpec spec, ResultlessExit exit, StepLog log) {
    boolean recorded = runs.artifactStore().exists(spec.result());
    try {
      if (recorded) {
        StepResult result = JsonCodec.mapper().readValue(runs.artifactStore().read(spec.result()), StepResult.class);
        if (exit.timedOutAfter().isPresent() && !result.succeeded()) {
          // a step killed by its timeout may still write a failure on its way down ("stopped
          // SparkContext"): the timeout is what happened, and its reason names the setting to change
          log.line(StepLog.Stream.STDERR, "stepwise: the step's result record, written as it was stopped, says "
              + result.exitCode() + " (" + result.status() + "); it was stopped by its timeout");
          return new ReadResult(StepResult.failure(StepExitCode.ENTRYPOINT_FAILED, exit.error(), Instant.now()), true);
        }
        if (result.exitCode() != exit.exitCode()) {
          log.line(StepLog.Stream.STDERR, "stepwise: the launcher exited with code " + exit.exitCode()
              + ", the step's result record says " + result.exitCode() + " (" + result.status()
              + "); the result record is the truth");
        }
        return new ReadResult(result, true);
      }
    } catch (IOException e) {
      LOG.warn("unreadable result record {}: {}", spec.result(), e.toString());
    }
    return new ReadResult(StepResult.failure(StepExitCode.ENTRYPOINT_FAILED, exit.error(), Instant.now()), recorded);
  }
}

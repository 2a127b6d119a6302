package dev.stepwise.orchestrator;

import dev.stepwise.cache.CacheVerdict;
import dev.stepwise.operator.StepState;
import dev.stepwise.step.StepError;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One step of a recorded run.
 *
 * @param invocationId the invocation in the pipeline ({@code square}, {@code square_2})
 * @param stepName the step's name
 * @param stepOperator the step operator it ran through; empty when it ran in-process
 * @param upstream the invocations whose outputs it reads
 * @param state its state
 * @param startedAt when it started running
 * @param endedAt when it reached its final state
 * @param exitCode the entrypoint's exit code (in-process steps report the same codes)
 * @param error why it failed, was skipped or cancelled
 * @param output its stored output artifact
 * @param log its log file (stdout and stderr)
 * @param logTail when it failed: the last {@value StepLogTail#LINES} lines of its log, so the record
 *     alone says why even when the process died without a result record
 * @param retries how many times {@code @Step(retries)} lets a failed attempt run again (0 in records
 *     written before retries existed)
 * @param attempts every attempt that ended, in order (empty in records written before attempts were kept)
 * @param cache why the step was or was not taken from the cache; empty in records from before caching
 * @param detached while the process that ran the run is gone but the step's work still runs on a
 *     cluster: what runs where ({@code stepwise run resume} follows it)
 */
public record StepRecord(
    String invocationId,
    String stepName,
    Optional<String> stepOperator,
    List<String> upstream,
    StepState state,
    Optional<Instant> startedAt,
    Optional<Instant> endedAt,
    Optional<Integer> exitCode,
    Optional<StepError> error,
    Optional<URI> output,
    URI log,
    List<String> logTail,
    Integer retries,
    List<StepAttempt> attempts,
    Optional<CacheVerdict> cache,
    Optional<String> detached) {

  public StepRecord {
    Objects.requireNonNull(invocationId, "invocationId");
    Objects.requireNonNull(stepName, "stepName");
    stepOperator = stepOperator == null ? Optional.empty() : stepOperator;
    upstream = upstream == null ? List.of() : List.copyOf(upstream);
    Objects.requireNonNull(state, "state");
    startedAt = startedAt == null ? Optional.empty() : startedAt;
    endedAt = endedAt == null ? Optional.empty() : endedAt;
    exitCode = exitCode == null ? Optional.empty() : exitCode;
    error = error == null ? Optional.empty() : error;
    output = output == null ? Optional.empty() : output;
    Objects.requireNonNull(log, "log");
    logTail = logTail == null ? List.of() : List.copyOf(logTail);
    retries = retries == null ? 0 : retries;
    attempts = attempts == null ? List.of() : List.copyOf(attempts);
    cache = cache == null ? Optional.empty() : cache;
    detached = detached == null ? Optional.empty() : detached;
  }

  public StepRecord(String invocationId, String stepName, Optional<String> stepOperator, List<String> upstream,
      StepState state, Optional<Instant> startedAt, Optional<Instant> endedAt, Optional<Integer> exitCode,
      Optional<StepError> error, Optional<URI> output, URI log, List<String> logTail, Integer retries,
      List<StepAttempt> attempts, Optional<CacheVerdict> cache) {
    this(invocationId, stepName, stepOperator, upstream, state, startedAt, endedAt, exitCode, error, output, log,
        logTail, retries, attempts, cache, Optional.empty());
  }

  public StepRecord(String invocationId, String stepName, Optional<String> stepOperator, List<String> upstream,
      StepState state, Optional<Instant> startedAt, Optional<Instant> endedAt, Optional<Integer> exitCode,
      Optional<StepError> error, Optional<URI> output, URI log, List<String> logTail) {
    this(invocationId, stepName, stepOperator, upstream, state, startedAt, endedAt, exitCode, error, output,
        log, logTail, 0, List.of(), Optional.empty());
  }

  public StepRecord(String invocationId, String stepName, Optional<String> stepOperator, List<String> upstream,
      StepState state, Optional<Instant> startedAt, Optional<Instant> endedAt, Optional<Integer> exitCode,
      Optional<StepError> error, Optional<URI> output, URI log) {
    this(invocationId, stepName, stepOperator, upstream, state, startedAt, endedAt, exitCode, error, output,
        log, List.of());
  }

  StepRecord withLogTail(List<String> tail) {
    return new StepRecord(invocationId, stepName, stepOperator, upstream, state, startedAt, endedAt, exitCode,
        error, output, log, tail, retries, attempts, cache, detached);
  }

  /** This record with {@code attempt} kept after the attempts before it. */
  StepRecord withAttempt(StepAttempt attempt) {
    List<StepAttempt> all = new ArrayList<>(attempts);
    all.add(attempt);
    return new StepRecord(invocationId, stepName, stepOperator, upstream, state, startedAt, endedAt, exitCode,
        error, output, log, logTail, retries, all, cache, detached);
  }

  StepRecord withCache(CacheVerdict verdict) {
    return new StepRecord(invocationId, stepName, stepOperator, upstream, state, startedAt, endedAt, exitCode,
        error, output, log, logTail, retries, attempts, Optional.of(verdict), detached);
  }

  /** Ends a pending step as CACHED: the verdict's output, from the run it names, is reused. */
  StepRecord cached(CacheVerdict hit, Instant now) {
    if (state.isFinal()) {
      throw new IllegalStateException("step '" + invocationId + "' is already " + state);
    }
    return new StepRecord(invocationId, stepName, stepOperator, upstream, StepState.CACHED, Optional.of(now),
        Optional.of(now), Optional.empty(), Optional.empty(), hit.output(), log, logTail, retries, attempts,
        Optional.of(hit));
  }

  StepRecord running(Instant now) {
    return new StepRecord(invocationId, stepName, stepOperator, upstream, StepState.RUNNING,
        Optional.of(now), endedAt, exitCode, error, output, log, logTail, retries, attempts, cache, Optional.empty());
  }

  /** Still RUNNING, on a cluster, though the process that ran the run is gone: {@code what} runs where. */
  StepRecord detached(String what) {
    return new StepRecord(invocationId, stepName, stepOperator, upstream, state, startedAt, endedAt, exitCode,
        error, output, log, logTail, retries, attempts, cache, Optional.of(what));
  }

  /**
   * For a resumed run: a step that did not succeed, back to PENDING with its earlier attempts (and log)
   * kept, so it runs again with the next attempt number.
   */
  StepRecord reopened() {
    return new StepRecord(invocationId, stepName, stepOperator, upstream, StepState.PENDING, Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), log, List.of(), retries, attempts,
        Optional.empty(), Optional.empty());
  }

  /** The number of the attempt that runs next, or that runs now while RUNNING: one past those that ended. */
  int nextAttempt() {
    return attempts.size() + 1;
  }

  StepRecord ended(StepState finalState, Optional<Integer> code, Optional<StepError> why,
      Optional<URI> out, Instant now) {
    if (state.isFinal()) {
      throw new IllegalStateException("step '" + invocationId + "' is already " + state);
    }
    return new StepRecord(invocationId, stepName, stepOperator, upstream, finalState, startedAt,
        Optional.of(now), code, why, out, log, logTail, retries, attempts, cache, Optional.empty());
  }
}

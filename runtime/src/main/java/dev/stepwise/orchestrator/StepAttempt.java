package dev.stepwise.orchestrator;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One attempt of a step ({@code @Step(retries)} allows more than one), as kept in the run record.
 *
 * @param number the attempt, from 1
 * @param startedAt when it was launched
 * @param endedAt when it ended
 * @param exitCode the code the retry policy judged: the result record's when the entrypoint wrote
 *     one (a cluster-mode spark-submit exits 0 whatever its driver did), else the launcher's
 * @param reason why it failed; empty when it succeeded
 * @param verdict what the retry policy made of a failure: retried and why, or why not; empty when
 *     it succeeded
 */
public record StepAttempt(
    int number,
    Instant startedAt,
    Optional<Instant> endedAt,
    Optional<Integer> exitCode,
    Optional<String> reason,
    Optional<String> verdict) {

  public StepAttempt {
    if (number < 1) {
      throw new IllegalArgumentException("attempts count from 1, got " + number);
    }
    Objects.requireNonNull(startedAt, "startedAt");
    endedAt = endedAt == null ? Optional.empty() : endedAt;
    exitCode = exitCode == null ? Optional.empty() : exitCode;
    reason = reason == null ? Optional.empty() : reason;
    verdict = verdict == null ? Optional.empty() : verdict;
  }
}

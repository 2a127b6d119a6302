package dev.stepwise.step;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The result record an entrypoint writes at {@link StepRunSpec#result()} before it exits.
 *
 * @param status what happened
 * @param exitCode {@code status.code()}, spelled out for readers of the JSON
 * @param error why the step failed; empty on success
 * @param output the stored output artifact; empty for void steps and failures
 * @param startedAt when the entrypoint started working on the spec
 * @param endedAt when it finished
 */
public record StepResult(
    StepExitCode status,
    int exitCode,
    Optional<StepError> error,
    Optional<URI> output,
    Instant startedAt,
    Instant endedAt) {

  public StepResult {
    Objects.requireNonNull(status, "status");
    error = error == null ? Optional.empty() : error;
    output = output == null ? Optional.empty() : output;
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(endedAt, "endedAt");
  }

  public static StepResult success(Optional<URI> output, Instant startedAt) {
    return new StepResult(StepExitCode.SUCCESS, 0, Optional.empty(), output, startedAt, Instant.now());
  }

  public static StepResult failure(StepExitCode status, StepError error, Instant startedAt) {
    return new StepResult(status, status.code(), Optional.of(error), Optional.empty(), startedAt, Instant.now());
  }

  public boolean succeeded() {
    return status == StepExitCode.SUCCESS;
  }
}

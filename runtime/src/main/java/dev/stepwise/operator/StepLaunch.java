package dev.stepwise.operator;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/** A launched step: wait for it, look at it, or cancel it. */
public interface StepLaunch {

  /** Waits until the step has ended and returns the entrypoint's exit code. */
  int await() throws InterruptedException;

  /** The exit code once the step has ended; empty while it runs. */
  OptionalInt exitCode();

  /**
   * Stops the step and everything it started, and returns only once they are gone: processes
   * get {@code grace} to stop, then are killed. Throws when something survives.
   */
  void cancel(Duration grace) throws StepLaunchException;

  /**
   * When the operator stopped the step because it ran past the operator's {@code timeout}: that
   * limit, so the record can say it timed out rather than show the kill's exit code. Empty otherwise.
   */
  default Optional<Duration> timedOutAfter() {
    return Optional.empty();
  }

  /**
   * Once the step has ended: what the operator saw fail around it (a refused submission, an
   * OOMKilled or lost driver), which an exit code alone cannot say. Empty when nothing did.
   */
  default Optional<InfrastructureFailure> infrastructureFailure() {
    return Optional.empty();
  }
}

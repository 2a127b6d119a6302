package dev.stepwise.operator;

import java.time.Duration;
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
}

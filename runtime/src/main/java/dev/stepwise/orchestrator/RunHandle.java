package dev.stepwise.orchestrator;

import java.time.Duration;
import java.util.Optional;

/** A started run: watch it, wait for it, cancel it, read its outputs. */
public interface RunHandle {

  String runId();

  /** The run as recorded now. */
  RunRecord record();

  /** Waits for the run to reach a final state and returns its record. */
  RunRecord await() throws InterruptedException;

  /** Waits at most {@code timeout}; empty when the run is still going. */
  Optional<RunRecord> await(Duration timeout) throws InterruptedException;

  /**
   * Cancels the run: stops launching steps, stops running ones (killing their processes and
   * confirming they are gone), records them CANCELLED, and returns the final record.
   */
  RunRecord cancel() throws InterruptedException;

  /**
   * The stored output of a completed invocation, loaded as the step's output type. Throws
   * {@link IllegalStateException} when the step has no output (not completed, or void).
   */
  Object output(String invocationId);

  /**
   * Why the run's record in the store could not be kept up to date (a store turned read-only, a
   * full disk), so what is stored is stale; empty while every write succeeded.
   */
  default Optional<String> recordProblem() {
    return Optional.empty();
  }
}

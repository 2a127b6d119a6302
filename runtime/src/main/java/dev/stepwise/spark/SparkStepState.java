package dev.stepwise.spark;

import org.apache.spark.launcher.SparkAppHandle;

/**
 * The state of one step running as a Spark application, as Stepwise reports it. Like
 * {@link SparkAppHandle.State}, but success needs the child's exit code too, and a timeout and a
 * vanished launcher are states of their own. Final states are final.
 */
public enum SparkStepState {
  /** spark-submit started; the application has not connected back yet. */
  SUBMITTING(false),
  /** The driver connected back to the launcher. */
  CONNECTED(false),
  /** Accepted by the cluster manager, not yet running. */
  SUBMITTED(false),
  RUNNING(false),
  /** FINISHED reported and spark-submit exited with 0. */
  SUCCEEDED(true),
  /** The application failed or spark-submit exited non-zero. */
  FAILED(true),
  /** Cancelled; the application and spark-submit were killed. */
  KILLED(true),
  /** Ran longer than the component's timeout and was killed. */
  TIMED_OUT(true),
  /** The launching JVM went away while the step ran, so its outcome is unknown. */
  LOST(true);

  private final boolean terminal;

  SparkStepState(boolean terminal) {
    this.terminal = terminal;
  }

  public boolean isFinal() {
    return terminal;
  }

  /** The non-final state a handle state means; final handle states are decided with the exit code. */
  static SparkStepState whileRunning(SparkAppHandle.State state) {
    return switch (state) {
      case CONNECTED -> CONNECTED;
      case SUBMITTED -> SUBMITTED;
      case RUNNING -> RUNNING;
      default -> SUBMITTING;
    };
  }

  /**
   * The final state from Spark's last report and the child's exit code: FINISHED alone is not
   * success. LOST with exit 0 is success: it only means the app never connected back (a step
   * without a SparkContext, or a cluster-mode driver, whose end is judged by the caller).
   */
  static SparkStepState finalState(SparkAppHandle.State reported, int exitCode) {
    if (exitCode != 0) {
      return FAILED;
    }
    return switch (reported) {
      case FAILED, KILLED -> FAILED;
      default -> SUCCEEDED;
    };
  }
}

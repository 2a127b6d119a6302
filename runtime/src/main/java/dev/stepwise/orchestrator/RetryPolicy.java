package dev.stepwise.orchestrator;

import dev.stepwise.operator.InfrastructureFailure;
import dev.stepwise.step.StepExitCode;
import java.time.Duration;
import java.util.Optional;

/**
 * Which failed attempts of a step run again: the one place that says so. Retried are failures that
 * may pass on their own: the step threw (66), its JVM or driver died (70, or a death without a result
 * record), and what the infrastructure did to it (OOMKilled, an evicted or vanished driver pod, a lost
 * standalone driver). Never retried: bad arguments or spec (64), inputs that cannot be loaded (65),
 * outputs that cannot be stored (67), a refused submission, a step that never started (image pull,
 * scheduling), a timeout, and cancellation, which the runner sees before it asks.
 */
final class RetryPolicy {
  private RetryPolicy() {}

  /** Whether a failed attempt is worth another one, and why, in words for the record and the log. */
  record Verdict(boolean retryable, String why) {}

  /**
   * How an attempt ended, as far as the policy cares.
   *
   * @param launched whether the step got as far as running (in-process, a JVM, a submission)
   * @param exitCode the code that says what happened: the result record's when there is one, else
   *     the launcher's
   * @param resultRecord whether the entrypoint wrote a result record (its code is then the truth)
   * @param timedOutAfter the operator's timeout, when it stopped the step
   * @param infrastructure what the operator saw fail around the step
   */
  record AttemptEnd(boolean launched, Optional<Integer> exitCode, boolean resultRecord,
      Optional<Duration> timedOutAfter, Optional<InfrastructureFailure> infrastructure) {}

  static Verdict judge(AttemptEnd end) {
    if (end.timedOutAfter().isPresent()) {
      return no("a timeout is not retried (the next attempt would meet the same limit)");
    }
    if (end.infrastructure().isPresent()) {
      return switch (end.infrastructure().get()) {
        case OUT_OF_MEMORY -> yes("the driver was OOMKilled");
        case DRIVER_LOST -> yes("the driver was lost");
        case SUBMISSION_FAILED -> no("a refused submission is not retried (fix the spec or setting it names)");
        case NOT_STARTED -> no("a step that could not start (image pull, scheduling) is not retried");
      };
    }
    if (!end.launched() || end.exitCode().isEmpty()) {
      return no("a step that could not be launched is not retried");
    }
    int code = end.exitCode().get();
    Optional<StepExitCode> known = StepExitCode.of(code);
    if (known.isEmpty() || known.get() == StepExitCode.SUCCESS) {
      // no code of the entrypoint's own: the JVM was killed or died on its way (or spark-submit's client
      // ended 0 while its driver did not), and a resultless end is a death whatever the launcher said
      return end.resultRecord() ? no("exit code " + code + " is not one Stepwise retries")
          : yes("the step's JVM or driver died (exit " + code + ")");
    }
    return switch (known.get()) {
      case STEP_FAILED -> yes("the step threw (exit 66)");
      case ENTRYPOINT_FAILED -> yes("the entrypoint died (exit 70)");
      case BAD_ARGUMENTS_OR_SPEC -> no("bad arguments or spec (exit 64) are never retried");
      case INPUT_NOT_LOADED -> no("an input that cannot be loaded (exit 65) is not retried");
      case OUTPUT_NOT_STORED -> no("an output that cannot be stored (exit 67) is not retried");
      case SUCCESS -> throw new IllegalStateException("unreachable");
    };
  }

  private static Verdict yes(String why) {
    return new Verdict(true, why);
  }

  private static Verdict no(String why) {
    return new Verdict(false, why);
  }
}

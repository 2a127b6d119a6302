package dev.stepwise.orchestrator;

import dev.stepwise.step.StepError;
import dev.stepwise.step.StepExitCode;
import dev.stepwise.support.DurationText;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Why a step's process ended without a matching result record, in the words the user needs: a
 * timeout says so, after how long and which setting to raise; any other death names the exit
 * code's meaning and the error its log shows (an {@code OutOfMemoryError}, say).
 */
record ResultlessExit(String invocationId, Optional<String> operator, int exitCode,
    Optional<Duration> timedOutAfter, List<String> logTail) {

  StepError error() {
    Optional<StepLogTail.Shown> shown = StepLogTail.errorShown(logTail);
    String message;
    if (timedOutAfter.isPresent()) {
      String limit = DurationText.of(timedOutAfter.get());
      String name = operator.orElse("NAME");
      message = "step '" + invocationId + "' timed out after " + limit + " and was stopped (exit code "
          + exitCode + "); to give it longer, raise the 'timeout' setting of step operator '" + name
          + "' (now " + limit + "): stepwise step-operator update " + name + " --timeout=<longer>";
    } else {
      String meaning = StepExitCode.of(exitCode).map(c -> " (" + c + ")")
          .orElse(exitCode > 128 ? " (killed by signal " + (exitCode - 128) + ")" : "");
      message = "the step's JVM exited with code " + exitCode + meaning + " without a matching result record"
          + shown.map(s -> "; its log shows " + s.text()).orElse("; see the step's log");
    }
    return new StepError(shown.map(StepLogTail.Shown::className).orElse(""), message, "");
  }
}

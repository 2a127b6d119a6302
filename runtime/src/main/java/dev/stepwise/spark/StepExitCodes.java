package dev.stepwise.spark;

import dev.stepwise.step.StepExitCode;

/** Words for the exit codes a Spark step ends with. */
final class StepExitCodes {
  private StepExitCodes() {}

  static String describe(int exitCode) {
    return StepExitCode.of(exitCode).map(c -> " (" + c.name().toLowerCase().replace('_', ' ') + ")")
        .orElse(exitCode == 137 ? " (killed)" : "");
  }
}

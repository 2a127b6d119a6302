package dev.stepwise.step;

import java.util.Arrays;
import java.util.Optional;

/**
 * The exit codes of a generated step entrypoint. The launching side reads them to say what went
 * wrong without parsing logs; the result record in the artifact store carries the details.
 */
public enum StepExitCode {
  /** The step ran and its output (if any) is stored. */
  SUCCESS(0),
  /** The arguments were wrong, or the run spec could not be read or parsed. */
  BAD_ARGUMENTS_OR_SPEC(64),
  /** An input artifact could not be loaded. */
  INPUT_NOT_LOADED(65),
  /** The step method threw. */
  STEP_FAILED(66),
  /** The step's output could not be stored. */
  OUTPUT_NOT_STORED(67);

  private final int code;

  StepExitCode(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  public static Optional<StepExitCode> of(int code) {
    return Arrays.stream(values()).filter(c -> c.code == code).findFirst();
  }
}

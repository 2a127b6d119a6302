package dev.stepwise.operator;

import dev.stepwise.support.StepwiseException;

/**
 * A step could not be launched, or a launched step could not be stopped; the message says why and
 * what to do. Operators declare it so callers see where a launch can fail.
 */
public class StepLaunchException extends StepwiseException {
  public StepLaunchException(String message) {
    super(message);
  }

  public StepLaunchException(String message, Throwable cause) {
    super(message, cause);
  }
}

package dev.stepwise.kubernetes;

import dev.stepwise.support.StepwiseException;

/** The Kubernetes API did not do what a driver pod needed (delete, read); the message says what to check. */
public final class DriverPodException extends StepwiseException {
  public DriverPodException(String message) {
    super(message);
  }

  public DriverPodException(String message, Throwable cause) {
    super(message, cause);
  }
}

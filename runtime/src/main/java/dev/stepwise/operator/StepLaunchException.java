package dev.stepwise.operator;

/** A step could not be launched; the message says why and what to do. */
public class StepLaunchException extends Exception {
  public StepLaunchException(String message) {
    super(message);
  }

  public StepLaunchException(String message, Throwable cause) {
    super(message, cause);
  }
}

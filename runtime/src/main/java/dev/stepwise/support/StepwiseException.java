package dev.stepwise.support;

/**
 * A problem the user must fix, with a message that says what is wrong and how to fix it. Every
 * domain error a user can cause extends it, so the CLI maps all of them to a message and an exit
 * code in one place, and Java callers can catch one type.
 */
public class StepwiseException extends RuntimeException {
  public StepwiseException(String message) {
    super(message);
  }

  public StepwiseException(String message, Throwable cause) {
    super(message, cause);
  }
}

package dev.stepwise.secret;

import dev.stepwise.support.StepwiseException;

/** A secret could not be stored, read or resolved; the message says what is wrong and how to fix it. */
public class SecretException extends StepwiseException {
  public SecretException(String message) {
    super(message);
  }

  public SecretException(String message, Throwable cause) {
    super(message, cause);
  }
}

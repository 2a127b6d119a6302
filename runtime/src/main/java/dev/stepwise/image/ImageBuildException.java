package dev.stepwise.image;

import dev.stepwise.support.StepwiseException;

/** An image could not be built or pushed; the message says why and what to do. */
public final class ImageBuildException extends StepwiseException {
  public ImageBuildException(String message, Throwable cause) {
    super(message, cause);
  }

  public ImageBuildException(String message) {
    super(message);
  }
}

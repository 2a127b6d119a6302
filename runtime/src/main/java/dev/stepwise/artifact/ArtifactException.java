package dev.stepwise.artifact;

import dev.stepwise.support.StepwiseException;

/** An artifact could not be stored or loaded; the message names the artifact and the reason. */
public class ArtifactException extends StepwiseException {
  public ArtifactException(String message) {
    super(message);
  }

  public ArtifactException(String message, Throwable cause) {
    super(message, cause);
  }
}

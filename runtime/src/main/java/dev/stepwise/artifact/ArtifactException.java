package dev.stepwise.artifact;

import java.io.IOException;

/** An artifact could not be stored or loaded; the message names the artifact and the reason. */
public class ArtifactException extends IOException {
  public ArtifactException(String message) {
    super(message);
  }

  public ArtifactException(String message, Throwable cause) {
    super(message, cause);
  }
}

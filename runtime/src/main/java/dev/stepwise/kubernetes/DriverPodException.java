package dev.stepwise.kubernetes;

/** The Kubernetes API did not do what a driver pod needed (delete, read); the message says what to check. */
public final class DriverPodException extends RuntimeException {
  public DriverPodException(String message) {
    super(message);
  }

  public DriverPodException(String message, Throwable cause) {
    super(message, cause);
  }
}

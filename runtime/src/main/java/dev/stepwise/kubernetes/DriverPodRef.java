package dev.stepwise.kubernetes;

import java.util.Objects;

/**
 * Where a step's driver pod lives, recorded as {@code namespace:pod} so a later reader (run
 * describe, a restarted orchestrator) can reattach instead of submitting twice.
 */
public record DriverPodRef(String namespace, String podName) {
  public DriverPodRef {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(podName, "podName");
    if (namespace.isBlank() || podName.isBlank() || namespace.contains(":") || podName.contains(":")) {
      throw new IllegalArgumentException("a driver pod is named namespace:pod, got '" + namespace + ":" + podName + "'");
    }
  }

  public static DriverPodRef parse(String text) {
    int colon = text == null ? -1 : text.indexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw new IllegalArgumentException("'" + text + "' is not namespace:pod");
    }
    return new DriverPodRef(text.substring(0, colon), text.substring(colon + 1));
  }

  /** {@code namespace:pod}. */
  public String text() {
    return namespace + ":" + podName;
  }

  @Override
  public String toString() {
    return text();
  }
}

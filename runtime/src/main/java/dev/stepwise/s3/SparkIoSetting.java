package dev.stepwise.s3;

import java.util.Objects;

/**
 * One Spark key of an io layer with its value and source label (e.g. {@code io:s3}). Io layers only
 * ever produce non-secret values here: credentials travel as environment variables or Kubernetes
 * secret references.
 */
public record SparkIoSetting(String key, String value, String source) {
  public SparkIoSetting {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(source, "source");
  }
}

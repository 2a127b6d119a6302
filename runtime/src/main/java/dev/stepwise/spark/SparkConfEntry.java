package dev.stepwise.spark;

import dev.stepwise.support.SecretMask;
import java.util.Objects;

/** One Spark key of a submission with its value, where it came from, and whether it is secret. */
public record SparkConfEntry(String key, String value, ConfSource source, boolean secret) {

  public SparkConfEntry {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(source, "source");
  }

  /** The value as shown to people: {@code ***} for secrets. */
  public String shownValue() {
    return secret ? SecretMask.MASK : value;
  }
}

package dev.stepwise.spark;

import dev.stepwise.flavor.SecretValues;
import dev.stepwise.support.SecretMask;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ordered Spark keys of one submission, filled layer by layer. A key keeps the position where
 * it was first set (as ZenML's SparkConf does); a later layer replacing a value records a warning
 * naming both sources.
 */
public final class SparkConfBuilder {
  private final Map<String, SparkConfEntry> entries = new LinkedHashMap<>();
  private final List<String> warnings = new ArrayList<>();
  private final SecretValues secrets;

  public SparkConfBuilder() {
    this(SecretValues.NONE);
  }

  /** Every value that came from a secret ({@code secrets}) is a secret key, whichever layer sets it. */
  public SparkConfBuilder(SecretValues secrets) {
    this.secrets = java.util.Objects.requireNonNull(secrets, "secrets");
  }

  public SparkConfBuilder set(String key, String value, ConfSource source) {
    return put(new SparkConfEntry(key, value, source, false));
  }

  /** Sets a key whose value must never be printed or put on a command line. */
  public SparkConfBuilder setSecret(String key, String value, ConfSource source) {
    return put(new SparkConfEntry(key, value, source, true));
  }

  public SparkConfBuilder put(SparkConfEntry given) {
    SparkConfEntry entry = !given.secret() && secrets.isSecret(given.value())
        ? new SparkConfEntry(given.key(), given.value(), given.source(), true) : given;
    SparkConfEntry previous = entries.get(entry.key());
    // the same value from a later layer changes nothing, so there is nothing to warn about
    if (previous != null && !previous.source().equals(entry.source()) && !previous.value().equals(entry.value())) {
      boolean secret = previous.secret() || entry.secret();
      warnings.add(
          entry.key() + " set by " + previous.source() + " to '"
              + (secret ? SecretMask.MASK : previous.value()) + "' is overridden by "
              + entry.source() + " with '" + (secret ? SecretMask.MASK : entry.value()) + "'");
    }
    boolean secret = entry.secret() || (previous != null && previous.secret());
    entries.put(entry.key(), new SparkConfEntry(entry.key(), entry.value(), entry.source(), secret));
    return this;
  }

  /**
   * Sets a default that a stronger source keeps precedence over: when one of {@code stronger} has
   * already set the key, the value is not used and a warning says so.
   */
  public SparkConfBuilder setWeaker(String key, String value, ConfSource source, java.util.Set<ConfSource> stronger) {
    SparkConfEntry previous = entries.get(key);
    if (previous != null && stronger.contains(previous.source())) {
      warnings.add(key + " from " + source + " ('" + (previous.secret() || secrets.isSecret(value) ? SecretMask.MASK : value)
          + "') is not used: " + previous.source() + " sets '" + previous.shownValue() + "'");
      return this;
    }
    return set(key, value, source);
  }

  /**
   * Replaces {@code key}'s value in place without a warning: for Stepwise's own extension of a
   * value a layer set (the redaction regex, a cluster driver's module options), not for a conflict between layers.
   */
  public SparkConfBuilder extend(String key, String value, ConfSource source) {
    // the extended value still holds the old one: a secret stays secret
    SparkConfEntry previous = entries.get(key);
    boolean secret = (previous != null && previous.secret()) || secrets.isSecret(value);
    entries.put(key, new SparkConfEntry(key, value, source, secret));
    return this;
  }

  public Optional<SparkConfEntry> get(String key) {
    return Optional.ofNullable(entries.get(key));
  }

  public List<SparkConfEntry> entries() {
    return List.copyOf(entries.values());
  }

  public List<String> warnings() {
    return List.copyOf(warnings);
  }
}

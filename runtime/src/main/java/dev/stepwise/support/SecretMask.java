package dev.stepwise.support;

/**
 * What a secret value is shown as, everywhere: explain, launch and run records, logs, messages,
 * {@code secret describe}. One constant, so a search for it finds every place that masks.
 */
public final class SecretMask {
  public static final String MASK = "***";

  private SecretMask() {}
}

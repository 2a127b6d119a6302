package dev.stepwise.step;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The secret Spark keys a step operator hands to the driver through one environment variable (in
 * {@link Properties} text form), which the step's session builder applies: so they never stand on
 * a command line or in a ConfigMap, and executors receive them over Spark's RPC.
 */
public final class SecretSessionConf {
  public static final String ENVIRONMENT_VARIABLE = "STEPWISE_SPARK_SECRET_CONF";

  private SecretSessionConf() {}

  /** The keys in {@code environment}; empty when it has none. */
  public static Map<String, String> from(Map<String, String> environment) {
    String text = environment.get(ENVIRONMENT_VARIABLE);
    if (text == null || text.isBlank()) {
      return Map.of();
    }
    Properties properties = new Properties();
    try {
      properties.load(new StringReader(text));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> keys = new TreeMap<>();
    properties.stringPropertyNames().forEach(k -> keys.put(k, properties.getProperty(k)));
    return Map.copyOf(keys);
  }
}

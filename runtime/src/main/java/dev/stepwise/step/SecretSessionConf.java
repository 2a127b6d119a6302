package dev.stepwise.step;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The Spark keys a step operator hands to the driver's session builder outside its command line:
 * <ul>
 *   <li>secret keys, through one environment variable (in {@link Properties} text form), so they
 *       never stand on a command line or in a ConfigMap, and executors receive them over Spark's RPC;
 *   <li>on a standalone cluster, the driver's own credential variables named by
 *       {@value #EXECUTOR_ENV_FROM_DRIVER}, copied into {@code spark.executorEnv.*}: the worker
 *       starts each executor with them in its environment, never its argv.
 * </ul>
 * Either way the keys are added to {@code spark.redaction.regex}, so Spark's UI and event logs mask them.
 */
public final class SecretSessionConf {
  public static final String ENVIRONMENT_VARIABLE = "STEPWISE_SPARK_SECRET_CONF";
  /** A Spark key naming the driver's environment variables its executors need too (names only, comma-separated). */
  public static final String EXECUTOR_ENV_FROM_DRIVER = "spark.stepwise.executor-env-from-driver";
  static final String EXECUTOR_ENV = "spark.executorEnv.";
  static final String REDACTION_REGEX = "spark.redaction.regex";
  /** Spark 4's default {@code spark.redaction.regex}. */
  public static final String SPARK_DEFAULT_REDACTION = "(?i)secret|password|token|access[.]?key";

  private SecretSessionConf() {}

  /** What the step's session builder sets, from this JVM's environment and Spark system properties. */
  public static Map<String, String> forSession() {
    return forSession(System.getenv(), key -> System.getProperty(key));
  }

  /**
   * What a session builder sets, given the driver's {@code environment} and its Spark {@code conf}:
   * the secret keys, the executor copies of the named variables, and the redaction regex extended
   * with every one of their keys.
   */
  public static Map<String, String> forSession(Map<String, String> environment,
      java.util.function.Function<String, String> conf) {
    Map<String, String> keys = new TreeMap<>(from(environment));
    String named = conf.apply(EXECUTOR_ENV_FROM_DRIVER);
    if (named != null) {
      for (String variable : named.split(",")) {
        String value = environment.get(variable.strip());
        if (!variable.isBlank() && value != null) {
          keys.put(EXECUTOR_ENV + variable.strip(), value);
        }
      }
    }
    if (keys.isEmpty()) {
      return Map.of();
    }
    List<String> masked = new ArrayList<>(keys.keySet());
    String current = keys.containsKey(REDACTION_REGEX) ? keys.get(REDACTION_REGEX) : conf.apply(REDACTION_REGEX);
    StringBuilder regex = new StringBuilder(current == null || current.isBlank() ? SPARK_DEFAULT_REDACTION : current);
    for (String key : masked) {
      // Spark matches the regex against keys with find(): the quoted key matches it wherever it stands
      String quoted = Pattern.quote(key);
      if (regex.indexOf(quoted) < 0) {
        regex.append('|').append(quoted);
      }
    }
    keys.put(REDACTION_REGEX, regex.toString());
    return Map.copyOf(keys);
  }

  /** The secret keys in {@code environment}; empty when it has none. */
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

package dev.stepwise.spark;

import java.util.Locale;

/**
 * {@code <pipeline>-<step>-<run id>}, lowercased and DNS-safe ({@code [a-z0-9-]}, at most 63
 * characters, as Kubernetes names its driver pods after it); the run id is kept whole when shortening.
 */
public final class SparkAppName {
  public static final int MAX_LENGTH = 63;

  private SparkAppName() {}

  public static String of(String pipeline, String step, String runId) {
    String id = sanitize(runId);
    String prefix = sanitize(pipeline + "-" + step);
    if (id.length() >= MAX_LENGTH) {
      return trimDashes(id.substring(0, MAX_LENGTH));
    }
    int room = MAX_LENGTH - id.length() - 1;
    prefix = trimDashes(prefix.length() > room ? prefix.substring(0, room) : prefix);
    String name = prefix.isEmpty() ? id : id.isEmpty() ? prefix : prefix + "-" + id;
    return name.isEmpty() ? "stepwise-step" : name;
  }

  private static String sanitize(String text) {
    String lower = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    return trimDashes(lower);
  }

  private static String trimDashes(String text) {
    return text.replaceAll("^-+|-+$", "");
  }
}

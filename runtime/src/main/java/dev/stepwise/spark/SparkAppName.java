package dev.stepwise.spark;

import dev.stepwise.support.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * {@code <pipeline>-<step>-<run id>}, lowercased and DNS-safe ({@code [a-z0-9-]}, at most 63
 * characters, as Kubernetes names its driver pods after it). A name too long is cut at a word
 * boundary (a dash, where {@code _} and {@code .} became dashes) and ends in a short hash of the run
 * id, so two runs of the same step never share an app name.
 */
public final class SparkAppName {
  public static final int MAX_LENGTH = 63;
  /** Characters of the run id's hash a shortened name ends with. */
  static final int HASH_LENGTH = 8;

  private SparkAppName() {}

  public static String of(String pipeline, String step, String runId) {
    String id = sanitize(runId);
    String prefix = sanitize(pipeline + "-" + step);
    String whole = prefix.isEmpty() ? id : id.isEmpty() ? prefix : prefix + "-" + id;
    if (whole.isEmpty()) {
      return "stepwise-step";
    }
    if (whole.length() <= MAX_LENGTH) {
      return whole;
    }
    String hash = Sha256.hex(runId.getBytes(StandardCharsets.UTF_8)).substring(0, HASH_LENGTH);
    String words = wordPrefix(whole, MAX_LENGTH - HASH_LENGTH - 1);
    return words.isEmpty() ? hash : words + "-" + hash;
  }

  /** The longest run of whole words of {@code name} that fits in {@code room} characters. */
  private static String wordPrefix(String name, int room) {
    if (name.length() <= room) {
      return name;
    }
    int cut = name.lastIndexOf('-', room);
    return trimDashes(cut <= 0 ? "" : name.substring(0, cut));
  }

  private static String sanitize(String text) {
    String lower = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    return trimDashes(lower);
  }

  private static String trimDashes(String text) {
    return text.replaceAll("^-+|-+$", "");
  }
}

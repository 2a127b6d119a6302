package dev.stepwise.spark;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the {@code timeout} of the {@code spark} flavor: ISO-8601 ({@code PT30M}) or {@code 90s}, {@code 30m}, {@code 2h}. */
final class SparkDurations {
  private static final Pattern SHORT = Pattern.compile("([0-9]+)(ms|s|m|h|d)");

  private SparkDurations() {}

  static Duration parse(String text) {
    String trimmed = text.trim();
    Duration duration;
    Matcher m = SHORT.matcher(trimmed);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      duration = switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
    } else {
      try {
        duration = Duration.parse(trimmed.toUpperCase(java.util.Locale.ROOT));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            "timeout '" + text + "' is not a duration; use ISO-8601 (PT30M) or a number with s, m or h (90s, 30m, 2h)");
      }
    }
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("timeout '" + text + "' must be positive (e.g. 30m)");
    }
    return duration;
  }
}

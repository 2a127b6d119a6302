package dev.stepwise.support;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A duration as people write it in settings ({@code 90s}, {@code 30m}, {@code 1h30m}), so messages can be copied back. */
public final class DurationText {
  private static final Pattern SHORT = Pattern.compile("([0-9]+)(ms|s|m|h)");

  private DurationText() {}

  /**
   * Reads {@code 500ms}, {@code 2s}, {@code 5m}, {@code 1h} or ISO-8601 ({@code PT30S}); {@code what}
   * names the setting in the error, which says how to write it.
   */
  public static Duration parse(String text, String what) {
    String trimmed = text == null ? "" : text.trim();
    Matcher m = SHORT.matcher(trimmed);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        default -> Duration.ofHours(n);
      };
    }
    try {
      Duration duration = Duration.parse(trimmed.toUpperCase(Locale.ROOT));
      if (!duration.isNegative()) {
        return duration;
      }
    } catch (DateTimeParseException e) {
      // said below
    }
    throw new StepwiseException(what + " '" + text + "' is not a duration: write a number with ms, s, m or h"
        + " (500ms, 2s, 5m) or ISO-8601 (PT30S)");
  }

  public static String of(Duration duration) {
    if (duration.toMillis() < 1000) {
      return duration.toMillis() + "ms";
    }
    StringBuilder text = new StringBuilder();
    if (duration.toHours() > 0) {
      text.append(duration.toHours()).append('h');
    }
    if (duration.toMinutesPart() > 0) {
      text.append(duration.toMinutesPart()).append('m');
    }
    if (duration.toSecondsPart() > 0 || text.length() == 0) {
      text.append(duration.toSecondsPart()).append('s');
    }
    return text.toString();
  }
}

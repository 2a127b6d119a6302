package dev.stepwise.support;

import java.time.Duration;

/** A duration as people write it in settings ({@code 90s}, {@code 30m}, {@code 1h30m}), so messages can be copied back. */
public final class DurationText {
  private DurationText() {}

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

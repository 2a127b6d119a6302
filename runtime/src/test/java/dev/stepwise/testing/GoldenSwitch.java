package dev.stepwise.testing;

import java.util.Locale;

/**
 * The build's one golden-file switch: {@code STEPWISE_REGENERATE_GOLDEN=1} rewrites every golden
 * file in place (review the diff); unset, empty or {@code 0} compares. Any other value is an error,
 * so a typo never silently rewrites or silently compares.
 *
 * <p>There is one copy: the processor's tests use it through the runtime's test jar.
 */
public final class GoldenSwitch {
  public static final String VARIABLE = "STEPWISE_REGENERATE_GOLDEN";

  private GoldenSwitch() {}

  /** Whether golden files are to be rewritten in this run. */
  public static boolean regenerate() {
    return parse(System.getenv(VARIABLE));
  }

  static boolean parse(String value) {
    if (value == null || value.isBlank()) {
      return false;
    }
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "1", "true" -> true;
      case "0", "false" -> false;
      default -> throw new IllegalStateException(
          VARIABLE + "='" + value + "' is not a switch value; set it to 1 to rewrite the golden files, or unset it");
    };
  }
}

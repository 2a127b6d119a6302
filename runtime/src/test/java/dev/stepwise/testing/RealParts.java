package dev.stepwise.testing;

import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * The one way a test says it needs a real part that a machine may lack (a binary such as
 * docker-registry, an OS feature such as /proc, a packaged artifact). The reason is always printed
 * on the console, so a skip never goes unseen; with {@code STEPWISE_REQUIRE_PARTS=1} (set by
 * {@code .ci/run}) a missing part fails the test instead of skipping it.
 *
 * <p>Call it from {@code @BeforeEach} or the test itself, not from {@code @BeforeAll}: a class-level
 * skip makes its tests vanish from the report ("Tests run: 0") instead of counting as skipped.
 */
public final class RealParts {
  public static final String REQUIRE_PARTS = "STEPWISE_REQUIRE_PARTS";

  private RealParts() {}

  /** Returns the part when {@code found}; otherwise prints {@code reason} and skips, or fails in CI. */
  public static <T> T require(String part, Optional<T> found, String reason) {
    require(part, found.isPresent(), reason);
    return found.get();
  }

  /** Continues when {@code present}; otherwise prints {@code reason} and skips, or fails in CI. */
  public static void require(String part, boolean present, String reason) {
    if (present) {
      return;
    }
    boolean required = requiredByEnvironment(System.getenv(REQUIRE_PARTS));
    String message = "real part missing: " + part + " - " + reason
        + (required ? " (" + REQUIRE_PARTS + "=1: failing instead of skipping)"
            : " (test skipped; " + REQUIRE_PARTS + "=1 makes this fail)");
    System.err.println("[stepwise-tests] " + message);
    if (required) {
      throw new AssertionError(message);
    }
    Assumptions.abort(message);
  }

  /** {@code 1}/{@code true} require every part; unset, empty, {@code 0}/{@code false} allow skips. */
  static boolean requiredByEnvironment(String value) {
    if (value == null || value.isBlank()) {
      return false;
    }
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "1", "true" -> true;
      case "0", "false" -> false;
      default -> throw new IllegalStateException(
          REQUIRE_PARTS + "='" + value + "' is not a switch value; set it to 1 (missing parts fail) or 0 (they skip)");
    };
  }
}

package dev.stepwise.spark;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Converts memory sizes to Spark's memory strings. Spark reads {@code 4g} as 4 GiB, so a size in
 * SI units is converted, never relabelled: {@code 4GB} is 4,000,000,000 bytes, which is
 * {@code 3815m} once rounded up to whole MiB (Spark sizes JVMs in MiB).
 */
public final class SparkMemory {
  private static final Pattern RESOURCE_SIZE =
      Pattern.compile("([0-9]+)(KB|KiB|MB|MiB|GB|GiB|TB|TiB|PB|PiB)");
  private static final Pattern SPARK_SIZE = Pattern.compile("([0-9]+)([kmgtp]?)b?");
  private static final Map<String, BigInteger> UNIT_BYTES = Map.of(
      "KB", BigInteger.TEN.pow(3), "MB", BigInteger.TEN.pow(6), "GB", BigInteger.TEN.pow(9),
      "TB", BigInteger.TEN.pow(12), "PB", BigInteger.TEN.pow(15),
      "KiB", BigInteger.TWO.pow(10), "MiB", BigInteger.TWO.pow(20), "GiB", BigInteger.TWO.pow(30),
      "TiB", BigInteger.TWO.pow(40), "PiB", BigInteger.TWO.pow(50));
  private static final BigInteger MIB = BigInteger.TWO.pow(20);
  private static final String[] SPARK_UNITS = {"m", "g", "t", "p"};

  private SparkMemory() {}

  /** Bytes of a {@code @ResourceSettings} memory string such as {@code 4GB} or {@code 512MiB}. */
  public static BigInteger bytes(String resourceSize) {
    // no trimming: the processor refuses surrounding blanks, so the runtime does too
    Matcher m = RESOURCE_SIZE.matcher(resourceSize);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "memory '" + resourceSize + "' is not an integer followed by one of KB, KiB, MB, MiB, GB, GiB, "
              + "TB, TiB, PB, PiB (e.g. \"4GiB\" or \"512MB\")");
    }
    return new BigInteger(m.group(1)).multiply(UNIT_BYTES.get(m.group(2)));
  }

  /** The Spark memory string for {@code bytes}: rounded up to whole MiB, then the largest exact unit. */
  public static String fromBytes(BigInteger bytes) {
    if (bytes.signum() <= 0) {
      throw new IllegalArgumentException("memory must be positive, got " + bytes + " bytes");
    }
    BigInteger[] division = bytes.divideAndRemainder(MIB);
    BigInteger amount = division[1].signum() == 0 ? division[0] : division[0].add(BigInteger.ONE);
    int unit = 0;
    BigInteger k = BigInteger.valueOf(1024);
    while (unit < SPARK_UNITS.length - 1 && amount.mod(k).signum() == 0) {
      amount = amount.divide(k);
      unit++;
    }
    return amount + SPARK_UNITS[unit];
  }

  /** {@code @ResourceSettings} memory → Spark memory string ({@code 4GiB} → {@code 4g}). */
  public static String fromResourceSize(String resourceSize) {
    return fromBytes(bytes(resourceSize));
  }

  /**
   * A driver memory setting: a Spark memory string ({@code 2g}, {@code 512m}) is kept (lowercased);
   * a {@code @ResourceSettings}-style size ({@code 2GiB}) is converted.
   */
  public static String fromDriverMemory(String text) {
    if (RESOURCE_SIZE.matcher(text).matches()) {
      return fromResourceSize(text);
    }
    String lower = text.toLowerCase(Locale.ROOT);
    Matcher m = SPARK_SIZE.matcher(lower);
    if (!m.matches() || new BigInteger(m.group(1)).signum() == 0) {
      throw new IllegalArgumentException(
          "driverMemory '" + text + "' is not a Spark memory size; use e.g. \"2g\", \"512m\" or \"2GiB\"");
    }
    return m.group(1) + (m.group(2).isEmpty() ? "" : m.group(2));
  }
}

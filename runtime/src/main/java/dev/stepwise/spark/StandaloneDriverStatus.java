package dev.stepwise.spark;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What spark-submit prints about a standalone cluster-mode driver. Its client exits 0 whatever the
 * driver's end (FAILED included), so the driver's final state is read from its output, and its id
 * is kept to kill the driver on cancel.
 */
final class StandaloneDriverStatus {
  private static final Pattern SUBMITTED = Pattern.compile("Driver successfully submitted as (driver-[\\w-]+)");
  private static final Pattern ENDED = Pattern.compile("State of driver (driver-[\\w-]+) is (\\w+), exiting spark-submit JVM");

  private final AtomicReference<String> driverId = new AtomicReference<>();
  private final AtomicReference<String> finalState = new AtomicReference<>();

  void read(String line) {
    Matcher submitted = SUBMITTED.matcher(line);
    if (submitted.find()) {
      driverId.set(submitted.group(1));
    }
    Matcher ended = ENDED.matcher(line);
    if (ended.find()) {
      driverId.compareAndSet(null, ended.group(1));
      finalState.set(ended.group(2));
    }
  }

  Optional<String> driverId() {
    return Optional.ofNullable(driverId.get());
  }

  /** The driver's final state ({@code FINISHED}, {@code FAILED}, {@code ERROR}, {@code KILLED}) once reported. */
  Optional<String> finalState() {
    return Optional.ofNullable(finalState.get());
  }
}

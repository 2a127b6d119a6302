package dev.stepwise.orchestrator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What tells one process apart from every other on a Linux host: its PID means something only in
 * its PID namespace, only until it exits (PIDs are reused), and only until the machine reboots.
 * So a recorded process is identified by PID, start time (clock ticks since boot, field 22 of
 * {@code /proc/<pid>/stat}), boot id and PID namespace. Empty where {@code /proc} does not say.
 */
public final class ProcessIdentity {
  private static final Path PROC = Path.of("/proc");

  private ProcessIdentity() {}

  /** {@code /proc/sys/kernel/random/boot_id}: changes at every boot. */
  public static Optional<String> bootId() {
    return read(PROC.resolve("sys/kernel/random/boot_id")).map(String::strip).filter(s -> !s.isEmpty());
  }

  /** This process's PID namespace, as {@code pid:[4026531836]}. */
  public static Optional<String> pidNamespace() {
    try {
      return Optional.of(Files.readSymbolicLink(PROC.resolve("self/ns/pid")).toString());
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return Optional.empty();
    }
  }

  /** The start time of {@code pid} as seen from this process's namespace, in clock ticks since boot. */
  public static Optional<Long> startTicks(long pid) {
    return read(PROC.resolve(pid + "/stat")).flatMap(ProcessIdentity::startTicksOf);
  }

  /** Field 22 of a {@code stat} line; the command name (field 2) may hold spaces and parentheses. */
  static Optional<Long> startTicksOf(String stat) {
    int end = stat.lastIndexOf(')');
    if (end < 0) {
      return Optional.empty();
    }
    String[] fields = stat.substring(end + 1).trim().split("\\s+");
    int index = 22 - 3; // the fields after ')' start at field 3
    if (fields.length <= index) {
      return Optional.empty();
    }
    try {
      return Optional.of(Long.parseLong(fields[index]));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static Optional<String> read(Path file) {
    try {
      return Optional.of(Files.readString(file, StandardCharsets.US_ASCII));
    } catch (IOException | SecurityException e) {
      return Optional.empty();
    }
  }
}

package dev.stepwise.spark;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the run record keeps of one Spark launch: the exact argv and every key with its source
 * (secrets as {@code ***}), the warnings, and the processes involved, so a later reader can tell a
 * step whose launcher died from one still running.
 *
 * @param launcherPid the JVM that launched and tracks the step
 * @param launcherStart when that JVM started (guards against PID reuse)
 * @param childPid spark-submit (in client mode, the driver itself)
 * @param childStart when spark-submit started
 */
public record SparkLaunchRecord(
    List<String> argv,
    List<ConfLine> conf,
    List<String> warnings,
    String sparkHome,
    long launcherPid,
    Instant launcherStart,
    long childPid,
    Instant childStart,
    String appId) {

  /** One key as printed: value masked when secret. */
  public record ConfLine(String key, String value, String source) {}

  public SparkLaunchRecord {
    argv = List.copyOf(argv);
    conf = List.copyOf(conf);
    warnings = List.copyOf(warnings);
  }

  public static List<ConfLine> confLines(SparkSubmission submission) {
    return submission.conf().stream()
        .map(e -> new ConfLine(e.key(), e.shownValue(), e.source().label()))
        .toList();
  }

  /**
   * Why a step recorded as running cannot be running any more: both its launcher JVM and its
   * spark-submit are gone (checked by PID and start time). Empty while either is alive.
   */
  public Optional<String> vanishedReason() {
    boolean launcherAlive = alive(launcherPid, launcherStart);
    boolean childAlive = alive(childPid, childStart);
    if (launcherAlive || childAlive) {
      return Optional.empty();
    }
    return Optional.of("the launching JVM (pid " + launcherPid + ") and spark-submit (pid " + childPid
        + ") are gone without recording an outcome; the step was interrupted (e.g. the launcher was killed)");
  }

  static boolean alive(long pid, Instant start) {
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .filter(p -> start == null || p.info().startInstant().map(s -> Math.abs(s.toEpochMilli() - start.toEpochMilli()) < 2000).orElse(true))
        .isPresent();
  }
}

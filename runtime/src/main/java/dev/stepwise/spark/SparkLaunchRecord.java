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
 * @param appId the application's id, once Spark reported it
 * @param attempt which attempt of the step this launch is ({@code @Step(retries)}); null in older records
 * @param master the master it was submitted to
 * @param driverId a standalone cluster-mode driver's id once the master accepted it: the driver runs on
 *     a worker, outlives spark-submit and its launcher, and is what {@code stepwise run resume} follows
 * @param masterWebUi the standalone master's web UI (its {@code /json} says where the driver is)
 * @param masterRest the standalone master's REST submission server (kills the driver)
 * @param submittedAt when spark-submit had been started, on the launcher's clock; null in older records
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
    String appId,
    Integer attempt,
    String master,
    String driverId,
    String masterWebUi,
    String masterRest,
    Instant submittedAt) {

  /** One key as printed: value masked when secret. */
  public record ConfLine(String key, String value, String source) {}

  public SparkLaunchRecord {
    argv = List.copyOf(argv);
    conf = List.copyOf(conf);
    warnings = List.copyOf(warnings);
  }

  /** This record as attempt {@code number} of its step. */
  public SparkLaunchRecord forAttempt(int number) {
    return new SparkLaunchRecord(argv, conf, warnings, sparkHome, launcherPid, launcherStart, childPid, childStart,
        appId, number, master, driverId, masterWebUi, masterRest, submittedAt);
  }

  /** The attempt this launch was; 1 in records from before attempts were recorded. */
  public int attemptNumber() {
    return attempt == null ? 1 : attempt;
  }

  /** Whether the launching JVM still runs (checked by PID and start time). */
  public boolean launcherAlive() {
    return alive(launcherPid, launcherStart);
  }

  public static List<ConfLine> confLines(SparkSubmission submission) {
    return submission.conf().stream()
        .map(e -> new ConfLine(e.key(), e.shownValue(), e.source().label()))
        .toList();
  }

  /**
   * Why a step recorded as running is in fact over: the launcher JVM that tracked it is gone
   * (checked by PID and start time), so nobody will record its outcome. Empty while the launcher lives.
   */
  public Optional<String> vanishedReason() {
    if (alive(launcherPid, launcherStart)) {
      return Optional.empty();
    }
    String child = alive(childPid, childStart)
        ? "its spark-submit (pid " + childPid + ") was left running and must be killed"
        : "its spark-submit (pid " + childPid + ") is gone too";
    return Optional.of("the launching JVM (pid " + launcherPid + ") died while the step ran, so its outcome is"
        + " unknown; " + child);
  }

  /**
   * Kills the spark-submit of a launch whose launcher died (and what it started), so no orphan
   * survives; returns whether nothing of it is left. Does nothing while the launcher lives.
   */
  public boolean killOrphan() {
    if (alive(launcherPid, launcherStart)) {
      return false;
    }
    Optional<ProcessHandle> child = ProcessHandle.of(childPid).filter(p -> alive(childPid, childStart));
    if (child.isEmpty()) {
      return true;
    }
    return new dev.stepwise.support.ProcessTree(child.get()).stop(java.time.Duration.ofSeconds(2)).isEmpty();
  }

  /**
   * For a launch whose launcher died: kills what is left of it and says why the step ended, naming
   * the app and whether an orphaned spark-submit had to be killed. Empty while the launcher lives.
   */
  public Optional<String> settleOrphan() {
    if (alive(launcherPid, launcherStart)) {
      return Optional.empty();
    }
    boolean wasRunning = alive(childPid, childStart);
    boolean gone = killOrphan();
    String child = !wasRunning ? "its spark-submit (pid " + childPid + ") had ended too"
        : gone ? "its spark-submit (pid " + childPid + ") was left running and has been killed"
        : "its spark-submit (pid " + childPid + ") was left running and could not be killed; kill it by hand";
    return Optional.of("the launching JVM (pid " + launcherPid + ") died while "
        + (appId == null || appId.isBlank() ? "its Spark application" : "Spark application " + appId) + " ran, so the step's outcome is unknown; " + child);
  }

  static boolean alive(long pid, Instant start) {
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .filter(p -> start == null || p.info().startInstant().map(s -> Math.abs(s.toEpochMilli() - start.toEpochMilli()) < 2000).orElse(true))
        .isPresent();
  }
}

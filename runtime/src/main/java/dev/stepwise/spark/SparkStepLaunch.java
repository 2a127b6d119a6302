package dev.stepwise.spark;

import dev.stepwise.operator.InfrastructureFailure;
import dev.stepwise.operator.StepLaunch;
import dev.stepwise.operator.StepLaunchException;
import dev.stepwise.operator.StepLog;
import dev.stepwise.support.OutputPump;
import dev.stepwise.support.ProcessTree;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import org.apache.spark.launcher.SparkAppHandle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One step running as a Spark application through a child {@code spark-submit}: its live state
 * from Spark's handle, its output streamed line by line, and an outcome that trusts FINISHED only
 * with exit code 0. Cancel and timeout stop the whole process tree and confirm it is gone.
 */
public final class SparkStepLaunch implements StepLaunch {
  private static final Logger LOG = LoggerFactory.getLogger(SparkStepLaunch.class);
  static final int TAIL_LINES = 50;

  private final SparkSubmission submission;
  private final Process process;
  private final SparkAppHandle handle;
  private final Path sparkHome;
  private final Optional<Path> secretsFile;
  private final LineTail tail = new LineTail(TAIL_LINES);
  private final StandaloneDriverStatus driverStatus = new StandaloneDriverStatus();
  private final HandleObserver observer;
  private final AtomicReference<SparkStepState> finalState = new AtomicReference<>();
  private final AtomicReference<SparkStepState> cancelledAs = new AtomicReference<>();
  private final CompletableFuture<SparkOutcome> outcome = new CompletableFuture<>();
  private final Optional<Duration> timeout;
  private final Instant launcherStart = ProcessHandle.current().info().startInstant().orElse(null);
  // read while spark-submit runs: once it has exited the kernel no longer says when it started
  private final Instant childStart;
  // when spark-submit had been started, on this JVM's clock (the kernel's start time above is coarser)
  private final Instant submittedAt = Instant.now();
  private final Thread shutdownHook;
  private final StepLog log;
  private final BiConsumer<SparkStepLaunch, SparkOutcome> onEnd;
  private final Optional<StandaloneMasterApi> master;
  private final Optional<StandaloneDriverWatch> watch;
  private final AtomicReference<String> pendingReason = new AtomicReference<>();
  private final AtomicReference<String> killProblem = new AtomicReference<>();

  SparkStepLaunch(SparkSubmission submission, Process process, SparkAppHandle handle, HandleObserver observer, Path sparkHome,
      Optional<Path> secretsFile, StepLog log, Optional<Duration> timeout, BiConsumer<SparkStepLaunch, SparkOutcome> onEnd) {
    this(submission, process, handle, observer, sparkHome, secretsFile, log, timeout, onEnd, Optional.empty(),
        SparkStepOperatorConfig.DEFAULT_PENDING_TIMEOUT);
  }

  /**
   * {@code master}: the standalone master's HTTP endpoints, to follow the application there (live
   * driver logs, {@code pendingTimeout}) and to kill a cluster-mode driver; empty for other masters.
   */
  SparkStepLaunch(SparkSubmission submission, Process process, SparkAppHandle handle, HandleObserver observer, Path sparkHome,
      Optional<Path> secretsFile, StepLog log, Optional<Duration> timeout, BiConsumer<SparkStepLaunch, SparkOutcome> onEnd,
      Optional<StandaloneMasterApi> master, Duration pendingTimeout) {
    this.submission = submission;
    this.process = process;
    this.handle = handle;
    this.observer = observer;
    this.sparkHome = sparkHome;
    this.secretsFile = secretsFile;
    this.log = log;
    this.onEnd = onEnd;
    this.timeout = timeout;
    this.master = master;
    this.childStart = process.info().startInstant().orElse(null);
    this.watch = master.map(api -> new StandaloneDriverWatch(api, submission, driverStatus, observer::appId, pendingTimeout,
        (stream, line) -> {
          tail.add(line);
          log.line(stream, line);
        }, this::failPending));
    Thread out = pump(process.getInputStream(), StepLog.Stream.STDOUT, log);
    Thread err = pump(process.getErrorStream(), StepLog.Stream.STDERR, log);
    // A launcher stopped by Ctrl-C or SIGTERM takes its Spark application with it.
    shutdownHook = new Thread(() -> new ProcessTree(process.toHandle()).stop(Duration.ofSeconds(2)),
        "stepwise-spark-orphan-guard-" + submission.appName());
    Runtime.getRuntime().addShutdownHook(shutdownHook);
    Thread waiter = new Thread(() -> finish(List.of(out, err)), "stepwise-spark-wait-" + submission.appName());
    waiter.setDaemon(true);
    waiter.start();
    watch.ifPresent(StandaloneDriverWatch::start);
    timeout.ifPresent(limit -> CompletableFuture.delayedExecutor(limit.toMillis(), TimeUnit.MILLISECONDS)
        .execute(() -> {
          if (!outcome.isDone()) {
            log.line(StepLog.Stream.STDERR, "stepwise: step exceeded its timeout of " + dev.stepwise.support.DurationText.of(limit) + "; killing it");
            stopAll(SparkStepState.TIMED_OUT, Duration.ofSeconds(2));
          }
        }));
  }

  private Thread pump(InputStream stream, StepLog.Stream which, StepLog log) {
    return OutputPump.start(stream, "stepwise-spark-log-" + which.name().toLowerCase() + "-" + submission.appName(),
        line -> {
          tail.add(line);
          readDriverStatus(line);
          log.line(which, line);
        });
  }

  private void finish(List<Thread> pumps) {
    try {
      int exitCode = process.waitFor();
      deleteSecrets(); // before anyone waiting on the outcome wakes: no secret outlives the child
      for (Thread pump : pumps) {
        pump.join(TimeUnit.SECONDS.toMillis(10));
      }
      if (watch.isPresent()) {
        watch.get().finish(); // the driver's last lines, before the outcome names its tail
      }
      SparkAppHandle.State reported = awaitFinalHandleState();
      SparkStepState cancelled = cancelledAs.get();
      SparkStepState end = cancelled != null ? cancelled : SparkStepState.finalState(reported, exitCode);
      Optional<String> driverEnd = driverStatus.finalState();
      if (end == SparkStepState.SUCCEEDED && driverEnd.isPresent() && !driverEnd.get().equals("FINISHED")) {
        end = SparkStepState.FAILED;
      }
      String pending = pendingReason.get();
      String reason = pending != null ? pending : driverEnd.isPresent() && end == SparkStepState.FAILED && exitCode == 0
          ? "the cluster-mode driver " + driverStatus.driverId().orElse("") + " ended " + driverEnd.get()
          : switch (end) {
        case SUCCEEDED -> "";
        case KILLED -> "cancelled; spark-submit and its processes were killed";
        case TIMED_OUT -> "timed out after " + dev.stepwise.support.DurationText.of(timeout.orElseThrow())
            + " (the step operator's 'timeout' setting); spark-submit and its processes were killed";
        default -> "Spark reported " + reported + " and spark-submit exited with code " + exitCode
            + StepExitCodes.describe(exitCode);
        };
      finalState.set(end);
      SparkOutcome result = new SparkOutcome(end, exitCode, observer.appId(), reason,
          end == SparkStepState.SUCCEEDED ? List.of() : tail.lines());
      if (!result.succeeded()) {
        log.line(StepLog.Stream.STDERR, "stepwise: Spark step " + end.name().toLowerCase() + ": " + reason);
      }
      try {
        onEnd.accept(this, result); // before waiters wake, so the record and log are complete when they look
      } catch (RuntimeException e) {
        LOG.warn("Recording the end of Spark step {} failed: {}", submission.appName(), e.toString());
      }
      outcome.complete(result);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      outcome.completeExceptionally(e);
    } finally {
      deleteSecrets();
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running or about to
      }
    }
  }

  /** Spark's monitor thread reports the child's end shortly after it exits; wait briefly for it. */
  private SparkAppHandle.State awaitFinalHandleState() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    while (!handle.getState().isFinal() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    return handle.getState();
  }

  private void deleteSecrets() {
    secretsFile.ifPresent(file -> {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        LOG.warn("Could not delete the Spark secrets file {}: {}", file, e.getMessage());
      }
    });
  }

  public SparkSubmission submission() {
    return submission;
  }

  public SparkStepState state() {
    SparkStepState end = finalState.get();
    return end != null ? end : SparkStepState.whileRunning(observer.state());
  }

  public Optional<String> appId() {
    return observer.appId();
  }

  public long childPid() {
    return process.pid();
  }

  /** The outcome, completed once spark-submit has exited and its output is drained. */
  public CompletableFuture<SparkOutcome> outcome() {
    return outcome;
  }

  /** What the run record keeps of this launch. */
  public SparkLaunchRecord record() {
    return new SparkLaunchRecord(
        submission.toArgv(sparkHome.resolve("bin/spark-submit").toString()),
        SparkLaunchRecord.confLines(submission), submission.warnings(), sparkHome.toString(),
        ProcessHandle.current().pid(), launcherStart, process.pid(),
        childStart, observer.appId().orElse(null), null,
        submission.master().url(), driverStatus.driverId().orElse(null),
        master.map(api -> api.webUi().toString()).orElse(null), master.map(api -> api.rest().toString()).orElse(null),
        submittedAt);
  }

  /**
   * Runs {@code action} once a standalone cluster-mode driver has an id (at once if it has one), so the
   * launch record names the driver, which outlives spark-submit, as soon as the master accepted it.
   */
  public void whenDriverSubmitted(Runnable action) {
    synchronized (driverStatus) {
      if (driverStatus.driverId().isPresent()) {
        action.run();
      } else {
        onDriverSubmitted = action;
      }
    }
  }

  private Runnable onDriverSubmitted;

  private void readDriverStatus(String line) {
    Runnable action = null;
    synchronized (driverStatus) {
      boolean before = driverStatus.driverId().isPresent();
      driverStatus.read(line);
      if (!before && driverStatus.driverId().isPresent()) {
        action = onDriverSubmitted;
        onDriverSubmitted = null;
      }
    }
    if (action != null) {
      try {
        action.run();
      } catch (RuntimeException e) {
        LOG.warn("Recording the driver of Spark step {} failed: {}", submission.appName(), e.toString());
      }
    }
  }

  /**
   * A standalone cluster-mode driver outlives spark-submit: asks the master's REST submission
   * server to kill it, then waits until the master's {@code /json} shows it ended. Empty when that
   * is confirmed (or there is no such driver), else why not, naming the fix.
   */
  private Optional<String> killClusterDriver() {
    if (submission.deployMode() != DeployMode.CLUSTER || submission.master().kind() != SparkMaster.Kind.STANDALONE) {
      return Optional.empty();
    }
    Optional<String> driverId = driverStatus.driverId();
    if (driverId.isEmpty()) {
      return Optional.empty(); // spark-submit had not submitted it yet: stopping spark-submit is enough
    }
    String id = driverId.get();
    if (master.isEmpty()) {
      return Optional.of("cannot kill cluster-mode driver " + id + ": the standalone master's HTTP endpoints are unknown;"
          + " kill it from the master's web UI");
    }
    return master.get().killConfirmed(id);
  }

  /** The standalone watch saw the application wait for resources too long: fail the step and kill it. */
  private void failPending(String reason) {
    if (outcome.isDone() || !pendingReason.compareAndSet(null, reason)) {
      return;
    }
    log.line(StepLog.Stream.STDERR, "stepwise: " + reason);
    CompletableFuture.runAsync(() -> {
      stopAll(SparkStepState.FAILED, Duration.ofSeconds(2));
      String problem = killProblem.get();
      if (problem != null) {
        log.line(StepLog.Stream.STDERR, "stepwise: " + problem);
      }
    });
  }

  @Override
  public int await() throws InterruptedException {
    try {
      return outcome.get().exitCode();
    } catch (ExecutionException e) {
      throw new IllegalStateException("tracking the Spark step failed", e.getCause());
    }
  }

  /** Waits for the outcome. */
  public SparkOutcome awaitOutcome() throws InterruptedException {
    await();
    return outcome.join();
  }

  @Override
  public OptionalInt exitCode() {
    return outcome.isDone() && !outcome.isCompletedExceptionally()
        ? OptionalInt.of(outcome.join().exitCode()) : OptionalInt.empty();
  }

  @Override
  public Optional<Duration> timedOutAfter() {
    return cancelledAs.get() == SparkStepState.TIMED_OUT ? timeout : Optional.empty();
  }

  /**
   * A standalone driver or application never granted resources did not start; a cluster-mode driver
   * the master reports ERROR was lost (its worker died) or could not be run there.
   */
  @Override
  public Optional<InfrastructureFailure> infrastructureFailure() {
    if (finalState.get() == null) {
      return Optional.empty();
    }
    if (pendingReason.get() != null) {
      return Optional.of(InfrastructureFailure.NOT_STARTED);
    }
    return driverStatus.finalState().filter("ERROR"::equals).map(error -> InfrastructureFailure.DRIVER_LOST);
  }

  @Override
  public void cancel(Duration grace) throws StepLaunchException {
    List<ProcessHandle> survivors = stopAll(SparkStepState.KILLED, grace);
    String problem = killProblem.get();
    if (problem != null) {
      throw new StepLaunchException(problem);
    }
    if (!survivors.isEmpty()) {
      throw new StepLaunchException("could not stop the Spark step's processes "
          + survivors.stream().map(ProcessHandle::pid).toList() + "; kill them by hand");
    }
  }

  /**
   * Asks the application to stop through Spark's handle (reaches a cluster-mode driver), then
   * stops spark-submit and its descendants (SIGTERM, SIGKILL after {@code grace}), marks the handle
   * killed, and waits for the outcome. Returns the processes still alive.
   */
  private List<ProcessHandle> stopAll(SparkStepState as, Duration grace) {
    if (outcome.isDone()) {
      return List.of();
    }
    cancelledAs.compareAndSet(null, as);
    SparkAppHandle.State reported = handle.getState();
    if (reported != SparkAppHandle.State.UNKNOWN && !reported.isFinal()) {
      try {
        handle.stop();
      } catch (RuntimeException notConnected) {
        // not connected yet: killing the process is all there is
      }
    }
    killClusterDriver().ifPresent(problem -> {
      killProblem.compareAndSet(null, problem);
      log.line(StepLog.Stream.STDERR, "stepwise: " + problem);
    });
    List<ProcessHandle> survivors = new ProcessTree(process.toHandle()).stop(grace);
    handle.kill();
    try {
      outcome.get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn("The Spark step {} did not report its end after being killed", submission.appName());
    }
    return survivors;
  }
}

package dev.stepwise.spark;

import dev.stepwise.operator.StepLog;
import dev.stepwise.support.DurationText;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows a step's application on a standalone master while it runs: streams a cluster-mode
 * driver's stdout and stderr from its worker's log page into the step log (its output never reaches
 * spark-submit), and reports a driver or application that has waited for resources longer than
 * {@code pending_timeout} (the master only logs "requires more resource than any of Workers could
 * have", and the step would otherwise stay RUNNING forever).
 */
final class StandaloneDriverWatch {
  private static final Logger LOG = LoggerFactory.getLogger(StandaloneDriverWatch.class);
  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration JOIN = Duration.ofSeconds(10);

  private final StandaloneMasterApi master;
  private final SparkSubmission submission;
  private final StandaloneDriverStatus driverStatus;
  private final Supplier<Optional<String>> appId;
  private final Duration pendingTimeout;
  private final Consumer<String> onPendingTooLong;
  private final WorkerLogTail stdout;
  private final WorkerLogTail stderr;
  private final Thread thread;
  private final StandaloneRequest request;
  private volatile boolean stopping;
  private String workerUi;
  private long pendingSince = -1;
  private boolean pendingReported;
  private boolean unreachableLogged;

  StandaloneDriverWatch(StandaloneMasterApi master, SparkSubmission submission, StandaloneDriverStatus driverStatus,
      Supplier<Optional<String>> appId, Duration pendingTimeout, BiConsumer<StepLog.Stream, String> driverLines,
      Consumer<String> onPendingTooLong) {
    this.master = master;
    this.submission = submission;
    this.driverStatus = driverStatus;
    this.appId = appId;
    this.pendingTimeout = pendingTimeout;
    this.onPendingTooLong = onPendingTooLong;
    this.request = StandaloneRequest.of(submission);
    this.stdout = new TailFor(StepLog.Stream.STDOUT, driverLines).tail;
    this.stderr = new TailFor(StepLog.Stream.STDERR, driverLines).tail;
    this.thread = new Thread(this::loop, "stepwise-standalone-watch-" + submission.appName());
    thread.setDaemon(true);
  }

  /** A tail whose driver id is read lazily: spark-submit prints it only after submitting. */
  private final class TailFor {
    final WorkerLogTail tail;

    TailFor(StepLog.Stream stream, BiConsumer<StepLog.Stream, String> lines) {
      this.tail = new WorkerLogTail(() -> driverStatus.driverId().orElseThrow(),
          stream == StepLog.Stream.STDOUT ? "stdout" : "stderr", line -> lines.accept(stream, line));
    }
  }

  void start() {
    thread.start();
  }

  /** Stops following and reads what the driver's logs still hold (the driver has ended by now). */
  void finish() throws InterruptedException {
    stopping = true;
    thread.interrupt();
    thread.join(JOIN.toMillis());
    if (submission.deployMode() != DeployMode.CLUSTER || driverStatus.driverId().isEmpty()) {
      return;
    }
    try {
      if (workerUi == null) {
        locateWorker(master.state());
      }
      if (workerUi != null) {
        stdout.poll(workerUi);
        stderr.poll(workerUi);
      }
    } catch (IOException e) {
      LOG.warn("Could not read the end of driver {}'s log from its worker: {}", driverStatus.driverId().get(), e.getMessage());
    } finally {
      stdout.flush();
      stderr.flush();
    }
  }

  private void loop() {
    while (!stopping) {
      try {
        StandaloneMasterState state = master.state();
        unreachableLogged = false;
        checkPending(state);
        if (submission.deployMode() == DeployMode.CLUSTER && driverStatus.driverId().isPresent()) {
          if (workerUi == null) {
            locateWorker(state);
          }
          if (workerUi != null) {
            stdout.poll(workerUi);
            stderr.poll(workerUi);
          }
        }
      } catch (IOException e) {
        if (!unreachableLogged) {
          LOG.warn("Following step '{}' on the standalone master {}: {}", submission.appName(), master.webUi(), e.getMessage());
          unreachableLogged = true;
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        LOG.warn("Following step '{}' on the standalone master failed: {}", submission.appName(), e.toString());
      }
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void locateWorker(StandaloneMasterState state) {
    String id = driverStatus.driverId().orElseThrow();
    state.activeDriver(id).or(() -> state.completedDriver(id))
        .filter(d -> !d.worker().isEmpty())
        .flatMap(d -> state.worker(d.worker()))
        .ifPresent(w -> workerUi = w.webUiAddress());
  }

  private void checkPending(StandaloneMasterState state) {
    if (pendingReported) {
      return;
    }
    Optional<String> waiting = waitingReason(state);
    if (waiting.isEmpty()) {
      pendingSince = -1;
      return;
    }
    long now = System.nanoTime();
    if (pendingSince < 0) {
      pendingSince = now;
    }
    if (now - pendingSince >= pendingTimeout.toNanos()) {
      pendingReported = true;
      String cause = request.neverFits(state.aliveWorkers())
          .map(never -> never + "; the master logs \"requires more resource than any of Workers could have\"")
          .orElse("no alive worker has that much free while other applications hold it");
      onPendingTooLong.accept(waiting.get() + " for longer than pending_timeout (" + DurationText.of(pendingTimeout)
          + "): " + cause + ". Fix: lower spark.driver.cores/spark.driver.memory or spark.executor.cores/"
          + "spark.executor.memory (@ResourceSettings, @SparkStepOperatorSettings or submit_kwargs), add or enlarge"
          + " workers, or raise the step operator's pending_timeout if the cluster is only busy");
    }
  }

  /** What is waiting for resources now, if anything: the driver for a worker, or the app for executors. */
  private Optional<String> waitingReason(StandaloneMasterState state) {
    Optional<String> driverId = driverStatus.driverId();
    if (submission.deployMode() == DeployMode.CLUSTER && driverId.isPresent()) {
      Optional<StandaloneMasterState.Driver> driver = state.activeDriver(driverId.get());
      if (driver.isPresent() && driver.get().worker().isEmpty() && "SUBMITTED".equals(driver.get().state())) {
        return Optional.of("the standalone master kept driver " + driverId.get() + " SUBMITTED, waiting for a worker"
            + " with " + request.driverCores() + " free cores and " + request.driverMemoryMib() + " MiB,");
      }
    }
    return state.app(appId.get(), submission.appName())
        .filter(app -> "WAITING".equals(app.state()) && app.cores() == 0)
        .map(app -> "the standalone master kept application " + app.id() + " WAITING with no executors ("
            + request.describe() + ")");
  }
}

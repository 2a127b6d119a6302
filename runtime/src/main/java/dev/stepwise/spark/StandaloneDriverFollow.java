package dev.stepwise.spark;

import dev.stepwise.operator.InfrastructureFailure;
import dev.stepwise.operator.StepLaunch;
import dev.stepwise.operator.StepLaunchException;
import dev.stepwise.operator.StepLog;
import dev.stepwise.operator.StepRunInfo;
import dev.stepwise.support.JsonCodec;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A standalone cluster-mode driver followed without its spark-submit: the driver that an orchestrator
 * which died had submitted, found again through the launch record by {@code stepwise run resume}.
 * Its state comes from the master's {@code /json}, its output from its worker's log pages (from the
 * start, so lines shown before the orchestrator died appear again), and cancel kills it through the
 * master's REST server. It is never submitted a second time.
 */
final class StandaloneDriverFollow implements StepLaunch {
  private static final Logger LOG = LoggerFactory.getLogger(StandaloneDriverFollow.class);
  private static final Duration POLL = Duration.ofMillis(500);

  private final StandaloneMasterApi master;
  private final String driverId;
  private final StepLog log;
  private final WorkerLogTail stdout;
  private final WorkerLogTail stderr;
  private final CompletableFuture<Integer> exit = new CompletableFuture<>();
  private volatile String finalState;
  private volatile boolean cancelled;
  private String workerUi;

  private StandaloneDriverFollow(StandaloneMasterApi master, String driverId, StepLog log) {
    this.master = master;
    this.driverId = driverId;
    this.log = log;
    this.stdout = new WorkerLogTail(() -> driverId, "stdout", line -> log.line(StepLog.Stream.STDOUT, line));
    this.stderr = new WorkerLogTail(() -> driverId, "stderr", line -> log.line(StepLog.Stream.STDERR, line));
  }

  /**
   * The driver of attempt {@code info.attempt()} recorded at {@code recordUri}, followed, when the
   * record names one and its master still knows it (running or ended); empty when there is nothing
   * to follow, and the step is submitted again (the log says why).
   */
  static Optional<StepLaunch> reattach(StepRunInfo info, URI recordUri) {
    SparkLaunchRecord record;
    try {
      if (!info.artifactStore().exists(recordUri)) {
        return Optional.empty();
      }
      record = JsonCodec.mapper().readValue(info.artifactStore().read(recordUri), SparkLaunchRecord.class);
    } catch (IOException | RuntimeException e) {
      info.log().line(StepLog.Stream.STDERR, "stepwise: the launch record of the earlier attempt is unreadable ("
          + e.getMessage() + "); submitting the step again");
      return Optional.empty();
    }
    if (record.attemptNumber() != info.attempt() || record.driverId() == null || record.masterWebUi() == null) {
      return Optional.empty(); // not a cluster-mode driver of this attempt: nothing outlived its launcher
    }
    StandaloneMasterApi api = new StandaloneMasterApi(URI.create(record.masterWebUi()),
        URI.create(record.masterRest() == null ? record.masterWebUi() : record.masterRest()));
    try {
      StandaloneMasterState state = api.state();
      if (state.activeDriver(record.driverId()).isEmpty() && state.completedDriver(record.driverId()).isEmpty()) {
        info.log().line(StepLog.Stream.STDERR, "stepwise: the master " + record.master() + " no longer knows driver "
            + record.driverId() + " (restarted?); submitting the step again");
        return Optional.empty();
      }
    } catch (IOException e) {
      // cannot tell whether it runs: submitting again could run the step twice, so this attempt fails instead
      throw new IllegalStateException("cannot reach the standalone master's web UI " + api.webUi() + " to find driver "
          + record.driverId() + ", which may still run (" + e.getMessage() + "); resume again once the master answers");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while looking for driver " + record.driverId(), e);
    }
    info.log().line(StepLog.Stream.STDERR, "stepwise: reattached to cluster-mode driver " + record.driverId() + " on "
        + record.master() + ", submitted by the orchestrator that died; not submitting again. Its output from the start"
        + " follows.");
    StandaloneDriverFollow follow = new StandaloneDriverFollow(api, record.driverId(), info.log());
    Thread thread = new Thread(follow::loop, "stepwise-standalone-follow-" + record.driverId());
    thread.setDaemon(true);
    thread.start();
    return Optional.of(follow);
  }

  private void loop() {
    boolean unreachableLogged = false;
    while (!exit.isDone()) {
      try {
        StandaloneMasterState state = master.state();
        unreachableLogged = false;
        Optional<StandaloneMasterState.Driver> active = state.activeDriver(driverId);
        Optional<StandaloneMasterState.Driver> driver = active.or(() -> state.completedDriver(driverId));
        if (workerUi == null) {
          driver.filter(d -> !d.worker().isEmpty()).flatMap(d -> state.worker(d.worker()))
              .ifPresent(w -> workerUi = w.webUiAddress());
        }
        if (workerUi != null) {
          stdout.poll(workerUi);
          stderr.poll(workerUi);
        }
        if (active.isEmpty()) {
          end(driver.map(StandaloneMasterState.Driver::state).orElse("ERROR"));
          return;
        }
      } catch (IOException e) {
        if (!unreachableLogged) {
          LOG.warn("Following driver {} on the standalone master {}: {}", driverId, master.webUi(), e.getMessage());
          unreachableLogged = true;
        }
      } catch (InterruptedException e) {
        return;
      }
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void end(String state) {
    stdout.flush();
    stderr.flush();
    finalState = state;
    if (!"FINISHED".equals(state)) {
      log.line(StepLog.Stream.STDERR, "stepwise: Spark step " + (cancelled ? "killed" : "failed") + ": the cluster-mode"
          + " driver " + driverId + " ended " + state);
    }
    exit.complete("FINISHED".equals(state) ? 0 : 1);
  }

  @Override
  public int await() throws InterruptedException {
    try {
      return exit.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("following driver " + driverId + " failed", e.getCause());
    }
  }

  @Override
  public OptionalInt exitCode() {
    return exit.isDone() ? OptionalInt.of(exit.join()) : OptionalInt.empty();
  }

  /** The master reports ERROR for a driver whose worker was lost or that could not be run there. */
  @Override
  public Optional<InfrastructureFailure> infrastructureFailure() {
    return "ERROR".equals(finalState) ? Optional.of(InfrastructureFailure.DRIVER_LOST) : Optional.empty();
  }

  @Override
  public void cancel(Duration grace) throws StepLaunchException {
    if (exit.isDone()) {
      return;
    }
    cancelled = true;
    Optional<String> problem = master.killConfirmed(driverId);
    if (problem.isPresent()) {
      throw new StepLaunchException(problem.get());
    }
    try {
      exit.get(POLL.toMillis() * 20, TimeUnit.MILLISECONDS); // the follower sees it ended at its next look
    } catch (TimeoutException | ExecutionException e) {
      LOG.warn("Following driver {} did not report its end after it was killed", driverId);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

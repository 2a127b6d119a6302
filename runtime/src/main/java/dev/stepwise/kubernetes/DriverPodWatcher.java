package dev.stepwise.kubernetes;

import dev.stepwise.operator.StepState;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows one driver pod through the Kubernetes API until it ends, because spark-submit's exit
 * code and Spark's launcher handle do not report a cluster-mode application's result. The pod's
 * phase gives the step state; the driver container's exit code decides success; the driver's log
 * streams into the step's log. Cancel and timeout delete the pod and wait until it is gone.
 */
public final class DriverPodWatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DriverPodWatcher.class);

  /**
   * @param pendingDeadline how long the pod may stay Pending (not scheduled, image not pulled)
   * @param timeout how long the step may take from the watch's start; empty for no limit
   * @param pollInterval how often the pod is read
   */
  public record Settings(Duration pendingDeadline, Optional<Duration> timeout, Duration pollInterval,
      Duration deleteWait) {
    public static Settings defaults() {
      return new Settings(Duration.ofMinutes(10), Optional.empty(), Duration.ofSeconds(1), Duration.ofSeconds(60));
    }
  }

  private final KubernetesClient client;
  private final DriverPodRef ref;
  private final Settings settings;
  private final Consumer<String> logSink;
  private final Consumer<StepState> stateSink;
  private final Clock clock;
  private final DriverLogFollower logs;
  private final AtomicBoolean cancelled = new AtomicBoolean();
  /** Open once a cancel's delete has settled: the outcome (which frees the client) waits for it. */
  private final CountDownLatch cancelSettled = new CountDownLatch(1);
  private volatile StepState lastState = StepState.PENDING;

  public DriverPodWatcher(KubernetesClient client, DriverPodRef ref, Settings settings, Consumer<String> logSink,
      Consumer<StepState> stateSink) {
    this(client, ref, settings, logSink, stateSink, Clock.systemUTC());
  }

  DriverPodWatcher(KubernetesClient client, DriverPodRef ref, Settings settings, Consumer<String> logSink,
      Consumer<StepState> stateSink, Clock clock) {
    this.client = client;
    this.ref = ref;
    this.settings = settings;
    this.logSink = logSink;
    this.stateSink = stateSink;
    this.clock = clock;
    this.logs = new DriverLogFollower(client, ref, logSink);
  }

  public DriverPodRef pod() {
    return ref;
  }

  public StepState lastState() {
    return lastState;
  }

  /** Blocks until the pod has ended (or was deleted for a reason), and says how. */
  public DriverPodOutcome await() throws InterruptedException {
    Instant start = clock.instant();
    Instant pendingSince = start;
    boolean seen = false;
    while (true) {
      if (cancelled.get()) {
        return cancelledOutcome();
      }
      Pod pod = read();
      if (pod == null) {
        if (!seen && Duration.between(start, clock.instant()).compareTo(settings.pendingDeadline()) <= 0) {
          sleep();
          continue; // not yet visible after submission
        }
        if (cancelled.get()) {
          return cancelledOutcome();
        }
        return finish(new DriverPodOutcome(ref, StepState.FAILED, OptionalInt.empty(),
            Optional.of(DriverPodFailure.POD_LOST), "driver pod " + ref + " disappeared before it finished "
            + "(deleted outside Stepwise, or evicted); its result is unknown"));
      }
      seen = true;
      StepState state = DriverPodStatus.state(pod);
      report(state);
      if (state != StepState.PENDING) {
        logs.start();
        pendingSince = clock.instant();
      }
      Duration pendingFor = state == StepState.PENDING ? Duration.between(pendingSince, clock.instant()) : Duration.ZERO;
      Optional<DriverPodOutcome> outcome = DriverPodStatus.outcome(ref, pod, pendingFor, settings.pendingDeadline());
      if (outcome.isPresent()) {
        DriverPodFailure failure = outcome.get().failure().orElse(null);
        if (failure == DriverPodFailure.IMAGE_PULL || failure == DriverPodFailure.PENDING_TOO_LONG) {
          delete(); // a pod that can never start would wait forever and hold its quota
        }
        return finish(outcome.get());
      }
      if (settings.timeout().isPresent()
          && Duration.between(start, clock.instant()).compareTo(settings.timeout().get()) > 0) {
        delete();
        return finish(new DriverPodOutcome(ref, StepState.FAILED, OptionalInt.empty(),
            Optional.of(DriverPodFailure.TIMED_OUT), "step timed out after " + settings.timeout().get().toSeconds()
            + "s; driver pod " + ref + " was deleted"));
      }
      sleep();
    }
  }

  /**
   * Deletes the driver pod (owner references take the executors with it) and returns once the API
   * no longer has it; {@link #await()} then reports the step as cancelled.
   */
  public void cancel() throws InterruptedException {
    cancelled.set(true);
    try {
      delete();
    } finally {
      cancelSettled.countDown();
    }
  }

  private DriverPodOutcome cancelledOutcome() throws InterruptedException {
    // the canceller is still confirming the deletion through the client; reporting now would let the
    // launch close that client under it
    if (!cancelSettled.await(settings.deleteWait().toSeconds() + 30, TimeUnit.SECONDS)) {
      LOG.warn("cancel of driver pod {} did not settle; reporting it cancelled", ref);
    }
    return finish(new DriverPodOutcome(ref, StepState.CANCELLED, OptionalInt.empty(), Optional.empty(),
        "cancelled; driver pod " + ref + " deleted"));
  }

  private DriverPodOutcome finish(DriverPodOutcome outcome) {
    try {
      if (outcome.exitCode().isPresent()) {
        logs.finish(2000);
        if (logs.lines() == 0) {
          catchUpLog();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      logs.close();
    }
    report(outcome.state());
    return outcome;
  }

  /** The follower missed the log (the pod ended between two reads): fetch it once. */
  private void catchUpLog() {
    try {
      String log = client.pods().inNamespace(ref.namespace()).withName(ref.podName())
          .inContainer(DriverPodStatus.DRIVER_CONTAINER).getLog();
      if (log != null && !log.isEmpty()) {
        List.of(log.split("\r?\n")).forEach(logSink);
      }
    } catch (KubernetesClientException e) {
      LOG.debug("no log for {}: {}", ref, e.getMessage());
    }
  }

  private void delete() throws InterruptedException {
    try {
      withRetries("deleting", () -> client.pods().inNamespace(ref.namespace()).withName(ref.podName()).delete());
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw new DriverPodException("cannot delete driver pod " + ref + ": " + e.getMessage()
            + "; delete it with `kubectl delete pod -n " + ref.namespace() + " " + ref.podName() + "`", e);
      }
    }
    long deadline = System.nanoTime() + settings.deleteWait().toNanos();
    while (read() != null) {
      if (System.nanoTime() > deadline) {
        throw new DriverPodException("driver pod " + ref + " still exists " + settings.deleteWait().toSeconds()
            + "s after it was deleted; check it with `kubectl get pod -n " + ref.namespace() + " " + ref.podName() + "`");
      }
      TimeUnit.MILLISECONDS.sleep(Math.min(100, settings.pollInterval().toMillis()));
    }
  }

  private Pod read() throws InterruptedException {
    return withRetries("reading", () -> client.pods().inNamespace(ref.namespace()).withName(ref.podName()).get());
  }

  /**
   * The API server (or a proxy, or the test double) may close a pooled connection under a request;
   * reads and deletes are safe to repeat, so such failures and 5xx answers are retried a few times
   * before they end the watch or the cancel.
   */
  private <T> T withRetries(String what, Supplier<T> call) throws InterruptedException {
    for (int attempt = 1; ; attempt++) {
      try {
        return call.get();
      } catch (KubernetesClientException e) {
        boolean transientFailure = e.getCode() == 0 || e.getCode() >= 500;
        if (!transientFailure || attempt >= API_ATTEMPTS) {
          throw e;
        }
        LOG.debug("{} driver pod {} failed (attempt {}): {}", what, ref, attempt, e.getMessage());
        TimeUnit.MILLISECONDS.sleep(Math.min(200, settings.pollInterval().toMillis()) * attempt);
      }
    }
  }

  private static final int API_ATTEMPTS = 5;

  private void report(StepState state) {
    if (state != lastState) {
      lastState = state;
      stateSink.accept(state);
    }
  }

  private void sleep() throws InterruptedException {
    TimeUnit.MILLISECONDS.sleep(settings.pollInterval().toMillis());
  }

  @Override
  public void close() {
    logs.close();
  }
}

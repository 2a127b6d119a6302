package dev.stepwise.kubernetes;

import dev.stepwise.operator.InfrastructureFailure;
import dev.stepwise.operator.StepLaunch;
import dev.stepwise.operator.StepLaunchException;
import dev.stepwise.operator.StepLog;
import dev.stepwise.operator.StepState;
import dev.stepwise.spark.SparkStepLaunch;
import dev.stepwise.step.StepExitCode;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A step running as a driver pod. Image build and submission run on its own thread, so
 * {@code launch} returns at once and a cancel reaches them too. The result is the driver
 * container's exit code, read from the pod; failures that never reached the entrypoint (build,
 * submission, image pull, scheduling, a lost pod) end with {@link StepExitCode#ENTRYPOINT_FAILED},
 * cancellation and timeout with 143 (terminated).
 */
public final class KubernetesStepLaunch implements StepLaunch {
  static final int TERMINATED = 143;

  /** Builds, submits and returns the watcher of the pod once it exists. */
  @FunctionalInterface
  interface Submission {
    DriverPodWatcher submit(KubernetesStepLaunch launch) throws StepLaunchException;
  }

  private final DriverPodRef pod;
  private final boolean reattached;
  private final CompletableFuture<DriverPodOutcome> outcome = new CompletableFuture<>();
  private final AtomicReference<DriverPodWatcher> watcher = new AtomicReference<>();
  private final AtomicReference<SparkStepLaunch> submitter = new AtomicReference<>();
  private volatile boolean cancelled;

  private KubernetesStepLaunch(DriverPodRef pod, boolean reattached) {
    this.pod = pod;
    this.reattached = reattached;
  }

  /** Runs {@code submission} then follows the pod, on a daemon thread; a failure's reason goes to the step log. */
  static KubernetesStepLaunch start(DriverPodRef pod, boolean reattached, StepLog log, Submission submission) {
    KubernetesStepLaunch launch = new KubernetesStepLaunch(pod, reattached);
    Thread thread = new Thread(() -> launch.run(submission, log), "driver-pod-" + pod.podName());
    thread.setDaemon(true);
    thread.start();
    return launch;
  }

  private void run(Submission submission, StepLog log) {
    DriverPodOutcome result;
    try {
      DriverPodWatcher current = submission.submit(this);
      watcher.set(current);
      if (cancelled) {
        current.cancel();
      }
      result = current.await();
    } catch (RuntimeException e) { // a StepLaunchException too
      result = cancelled
          ? new DriverPodOutcome(pod, StepState.CANCELLED, OptionalInt.empty(), Optional.empty(),
              "cancelled before driver pod " + pod + " was running")
          : new DriverPodOutcome(pod, StepState.FAILED, OptionalInt.empty(),
              Optional.of(DriverPodFailure.SUBMISSION_FAILED), e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      result = new DriverPodOutcome(pod, StepState.CANCELLED, OptionalInt.empty(), Optional.empty(), "interrupted");
    } catch (Throwable e) {
      outcome.completeExceptionally(e);
      return;
    }
    if (!result.succeeded()) {
      log.line(StepLog.Stream.STDERR, "stepwise: " + result.message());
    }
    outcome.complete(result);
  }

  boolean cancelled() {
    return cancelled;
  }

  /** The spark-submit child while it runs, so a cancel can stop it. */
  void submitting(SparkStepLaunch launch) {
    submitter.set(launch);
  }

  public DriverPodRef pod() {
    return pod;
  }

  /** True when this launch found a pod already submitted (by an earlier orchestrator) and followed it. */
  public boolean reattached() {
    return reattached;
  }

  public CompletableFuture<DriverPodOutcome> outcome() {
    return outcome;
  }

  @Override
  public int await() throws InterruptedException {
    try {
      return exitCodeOf(outcome.get());
    } catch (ExecutionException e) {
      throw new IllegalStateException("following driver pod " + pod + " failed: " + e.getCause().getMessage(),
          e.getCause());
    }
  }

  @Override
  public OptionalInt exitCode() {
    return outcome.isDone() && !outcome.isCompletedExceptionally()
        ? OptionalInt.of(exitCodeOf(outcome.join())) : OptionalInt.empty();
  }

  /** Stops a running spark-submit, deletes the driver pod if there is one, and waits until it is gone. */
  @Override
  public void cancel(Duration grace) throws StepLaunchException {
    cancelled = true;
    try {
      SparkStepLaunch child = submitter.get();
      if (child != null && child.exitCode().isEmpty()) {
        child.cancel(grace);
      }
      DriverPodWatcher current = watcher.get();
      if (current != null) {
        current.cancel();
      }
      outcome.get(grace.plusSeconds(60).toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StepLaunchException("interrupted while deleting driver pod " + pod, e);
    } catch (DriverPodException | ExecutionException | TimeoutException e) {
      throw new StepLaunchException("could not cancel driver pod " + pod + ": " + e.getMessage()
          + "; delete it with `kubectl delete pod -n " + pod.namespace() + " " + pod.podName() + "`", e);
    }
  }

  @Override
  public java.util.Optional<java.time.Duration> timedOutAfter() {
    if (!outcome.isDone() || outcome.isCompletedExceptionally()
        || outcome.join().failure().orElse(null) != DriverPodFailure.TIMED_OUT) {
      return java.util.Optional.empty();
    }
    DriverPodWatcher current = watcher.get();
    return current == null ? java.util.Optional.empty() : current.timeout();
  }

  /** The pod's failure in the words of the step-operator contract; what is retried is the orchestrator's call. */
  @Override
  public Optional<InfrastructureFailure> infrastructureFailure() {
    if (!outcome.isDone() || outcome.isCompletedExceptionally()) {
      return Optional.empty();
    }
    DriverPodOutcome ended = outcome.join();
    return ended.failure().flatMap(failure -> switch (failure) {
      case SUBMISSION_FAILED -> Optional.of(InfrastructureFailure.SUBMISSION_FAILED);
      case IMAGE_PULL, PENDING_TOO_LONG -> Optional.of(InfrastructureFailure.NOT_STARTED);
      case OOM_KILLED -> Optional.of(InfrastructureFailure.OUT_OF_MEMORY);
      case POD_LOST -> Optional.of(InfrastructureFailure.DRIVER_LOST);
      // a pod that failed without a driver exit code was failed by its node (evicted, node lost)
      case APPLICATION_FAILED -> ended.exitCode().isEmpty()
          ? Optional.of(InfrastructureFailure.DRIVER_LOST) : Optional.<InfrastructureFailure>empty();
      case TIMED_OUT -> Optional.<InfrastructureFailure>empty();
    });
  }

  static int exitCodeOf(DriverPodOutcome outcome) {
    if (outcome.exitCode().isPresent()) {
      return outcome.exitCode().getAsInt();
    }
    if (outcome.state() == StepState.CANCELLED || outcome.failure().orElse(null) == DriverPodFailure.TIMED_OUT) {
      return TERMINATED;
    }
    return StepExitCode.ENTRYPOINT_FAILED.code();
  }
}

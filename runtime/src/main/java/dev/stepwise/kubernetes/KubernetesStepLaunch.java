package dev.stepwise.kubernetes;

import dev.stepwise.orchestrator.StepLaunch;
import dev.stepwise.orchestrator.StepLaunchException;
import dev.stepwise.orchestrator.StepLog;
import dev.stepwise.step.StepExitCode;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * A step running as a driver pod. Its result is the driver container's exit code, read from the
 * pod; failures that never reached the entrypoint (image pull, scheduling, a lost pod) end with
 * {@link StepExitCode#ENTRYPOINT_FAILED}, cancellation and timeout with 143 (terminated).
 */
public final class KubernetesStepLaunch implements StepLaunch {
  static final int TERMINATED = 143;

  private final DriverPodWatcher watcher;
  private final CompletableFuture<DriverPodOutcome> outcome;
  private final boolean reattached;

  KubernetesStepLaunch(DriverPodWatcher watcher, CompletableFuture<DriverPodOutcome> outcome, boolean reattached) {
    this.watcher = watcher;
    this.outcome = outcome;
    this.reattached = reattached;
  }

  /** Starts following {@code watcher}'s pod on a daemon thread; the outcome's reason goes to the step log. */
  static KubernetesStepLaunch follow(DriverPodWatcher watcher, StepLog log, boolean reattached) {
    CompletableFuture<DriverPodOutcome> outcome = new CompletableFuture<>();
    Thread thread = new Thread(() -> {
      try {
        DriverPodOutcome result = watcher.await();
        if (!result.succeeded()) {
          log.line(StepLog.Stream.STDERR, "stepwise: " + result.message());
        }
        outcome.complete(result);
      } catch (Throwable e) {
        outcome.completeExceptionally(e);
      }
    }, "driver-pod-" + watcher.pod().podName());
    thread.setDaemon(true);
    thread.start();
    return new KubernetesStepLaunch(watcher, outcome, reattached);
  }

  public DriverPodRef pod() {
    return watcher.pod();
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
      throw new IllegalStateException("following driver pod " + pod() + " failed: " + e.getCause().getMessage(),
          e.getCause());
    }
  }

  @Override
  public OptionalInt exitCode() {
    return outcome.isDone() && !outcome.isCompletedExceptionally()
        ? OptionalInt.of(exitCodeOf(outcome.join())) : OptionalInt.empty();
  }

  @Override
  public void cancel(Duration grace) throws StepLaunchException {
    try {
      watcher.cancel();
      outcome.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StepLaunchException("interrupted while deleting driver pod " + pod(), e);
    } catch (DriverPodException | ExecutionException e) {
      throw new StepLaunchException(e.getMessage(), e);
    }
  }

  static int exitCodeOf(DriverPodOutcome outcome) {
    if (outcome.exitCode().isPresent()) {
      return outcome.exitCode().getAsInt();
    }
    if (outcome.state() == dev.stepwise.orchestrator.StepState.CANCELLED
        || outcome.failure().orElse(null) == DriverPodFailure.TIMED_OUT) {
      return TERMINATED;
    }
    return StepExitCode.ENTRYPOINT_FAILED.code();
  }
}

package dev.stepwise.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.operator.StepState;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The watcher against the Kubernetes API double, with pod status driven by the test. */
class DriverPodWatcherTest {
  private static final String NS = "spark-ns";
  private static MockKubernetes kube;
  private final List<String> log = new CopyOnWriteArrayList<>();
  private final List<StepState> states = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    kube = new MockKubernetes();
  }

  @AfterAll
  static void stop() {
    kube.close();
  }

  private DriverPodWatcher watcher(String pod, Duration pendingDeadline, Optional<Duration> timeout) {
    return new DriverPodWatcher(kube.client(), new DriverPodRef(NS, pod),
        new DriverPodWatcher.Settings(pendingDeadline, timeout, Duration.ofMillis(50), Duration.ofSeconds(10)),
        log::add, states::add);
  }

  private CompletableFuture<DriverPodOutcome> watch(DriverPodWatcher watcher) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return watcher.await();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  private void awaitState(StepState state) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!states.contains(state) && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertTrue(states.contains(state), "reached " + state + ": " + states);
  }

  @Test
  void runningThenSucceededCompletesWithTheDriverLog() throws Exception {
    kube.createDriverPod(NS, "ok-driver");
    kube.setLog(NS, "ok-driver", "starting step\nstep done\n");
    CompletableFuture<DriverPodOutcome> outcome = watch(watcher("ok-driver", Duration.ofSeconds(30), Optional.empty()));

    kube.setStatus(NS, "ok-driver", MockKubernetes::running);
    awaitState(StepState.RUNNING);
    kube.setStatus(NS, "ok-driver", MockKubernetes.terminated("Succeeded", 0, "Completed"));

    DriverPodOutcome result = outcome.get(10, TimeUnit.SECONDS);
    assertEquals(StepState.COMPLETED, result.state());
    assertEquals(OptionalInt.of(0), result.exitCode());
    assertEquals(List.of(StepState.RUNNING, StepState.COMPLETED), states);
    assertEquals(List.of("starting step", "step done"), log);
  }

  @Test
  void exitCodeOneFailsTheStepWhateverSparkSubmitSaid() throws Exception {
    kube.createDriverPod(NS, "fail-driver");
    kube.setStatus(NS, "fail-driver", MockKubernetes::running);
    kube.setStatus(NS, "fail-driver", MockKubernetes.terminated("Failed", 1, "Error"));

    DriverPodOutcome result = watcher("fail-driver", Duration.ofSeconds(30), Optional.empty()).await();

    assertEquals(StepState.FAILED, result.state());
    assertEquals(OptionalInt.of(1), result.exitCode());
    assertEquals(Optional.of(DriverPodFailure.APPLICATION_FAILED), result.failure());
    assertTrue(result.message().contains("exited with code 1"), result.message());
  }

  @Test
  void oomKilledSaysToRaiseDriverMemory() throws Exception {
    kube.createDriverPod(NS, "oom-driver");
    kube.setStatus(NS, "oom-driver", MockKubernetes.terminated("Failed", 137, "OOMKilled"));

    DriverPodOutcome result = watcher("oom-driver", Duration.ofSeconds(30), Optional.empty()).await();

    assertEquals(StepState.FAILED, result.state());
    assertEquals(Optional.of(DriverPodFailure.OOM_KILLED), result.failure());
    assertEquals(OptionalInt.of(137), result.exitCode());
    assertTrue(result.message().contains("OOMKilled") && result.message().contains("driverMemory"), result.message());
  }

  @Test
  void imagePullBackOffFailsAtOnceAndDeletesThePod() throws Exception {
    kube.createDriverPod(NS, "pull-driver");
    kube.setStatus(NS, "pull-driver",
        MockKubernetes.waiting("ImagePullBackOff", "Back-off pulling image \"localhost:5000/app:abc\""));

    DriverPodOutcome result = watcher("pull-driver", Duration.ofMinutes(5), Optional.empty()).await();

    assertEquals(StepState.FAILED, result.state());
    assertEquals(Optional.of(DriverPodFailure.IMAGE_PULL), result.failure());
    assertTrue(result.message().contains("ImagePullBackOff") && result.message().contains("image_pull_secrets"),
        result.message());
    assertNull(kube.client().pods().inNamespace(NS).withName("pull-driver").get(), "pod deleted");
  }

  @Test
  void unschedulablePastThePendingDeadlineFailsWithTheSchedulersReason() throws Exception {
    kube.createDriverPod(NS, "big-driver");
    kube.setStatus(NS, "big-driver", pod -> pod.editOrNewStatus().withPhase("Pending")
        .withConditions(new PodConditionBuilder().withType("PodScheduled").withStatus("False")
            .withReason("Unschedulable").withMessage("0/3 nodes are available: 3 Insufficient nvidia.com/gpu.").build())
        .endStatus());

    DriverPodOutcome result = watcher("big-driver", Duration.ofMillis(300), Optional.empty()).await();

    assertEquals(Optional.of(DriverPodFailure.PENDING_TOO_LONG), result.failure());
    assertTrue(result.message().contains("Unschedulable: 0/3 nodes are available"), result.message());
    assertNull(kube.client().pods().inNamespace(NS).withName("big-driver").get(), "pod deleted");
  }

  @Test
  void cancelDeletesThePodAndWaitsUntilItIsGone() throws Exception {
    kube.createDriverPod(NS, "cancel-driver");
    kube.setStatus(NS, "cancel-driver", MockKubernetes::running);
    DriverPodWatcher watcher = watcher("cancel-driver", Duration.ofSeconds(30), Optional.empty());
    CompletableFuture<DriverPodOutcome> outcome = watch(watcher);
    awaitState(StepState.RUNNING);

    watcher.cancel();

    assertNull(kube.client().pods().inNamespace(NS).withName("cancel-driver").get(), "gone when cancel returns");
    assertEquals(StepState.CANCELLED, outcome.get(10, TimeUnit.SECONDS).state());
  }

  @Test
  void timeoutDeletesThePod() throws Exception {
    kube.createDriverPod(NS, "slow-driver");
    kube.setStatus(NS, "slow-driver", MockKubernetes::running);

    DriverPodOutcome result = watcher("slow-driver", Duration.ofSeconds(30), Optional.of(Duration.ofMillis(300))).await();

    assertEquals(Optional.of(DriverPodFailure.TIMED_OUT), result.failure());
    assertNull(kube.client().pods().inNamespace(NS).withName("slow-driver").get());
  }

  @Test
  void aPodDeletedBehindOurBackIsReportedLost() throws Exception {
    kube.createDriverPod(NS, "lost-driver");
    kube.setStatus(NS, "lost-driver", MockKubernetes::running);
    CompletableFuture<DriverPodOutcome> outcome = watch(watcher("lost-driver", Duration.ofSeconds(30), Optional.empty()));
    awaitState(StepState.RUNNING);

    kube.deletePod(NS, "lost-driver");

    DriverPodOutcome result = outcome.get(10, TimeUnit.SECONDS);
    assertEquals(Optional.of(DriverPodFailure.POD_LOST), result.failure());
  }

  @Test
  void podRefsRoundTripAsNamespaceColonPod() {
    DriverPodRef ref = DriverPodRef.parse("spark-ns:app-1-driver");
    assertEquals(new DriverPodRef("spark-ns", "app-1-driver"), ref);
    assertEquals("spark-ns:app-1-driver", ref.text());
    assertTrue(org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> DriverPodRef.parse("no-colon")).getMessage().contains("namespace:pod"));
  }
}

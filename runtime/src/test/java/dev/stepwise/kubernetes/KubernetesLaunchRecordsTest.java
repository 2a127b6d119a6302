package dev.stepwise.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.artifact.LocalArtifactStore;
import dev.stepwise.operator.StepLaunchRecords;
import dev.stepwise.support.JsonCodec;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a reader of a run whose orchestrator died learns from a step's {@code kubernetes-launch.json},
 * against the API double: a Running driver pod still runs (the run is interrupted, not failed), a
 * cancel deletes it and confirms it is gone, and an API server that does not answer is said to be
 * unknown rather than taken for a pod that ended.
 */
class KubernetesLaunchRecordsTest {
  private static final String NS = "spark-jobs";
  private static final String POD = "resume-me-awaitrelease-0123456789-driver";

  @TempDir Path dir;
  private final KubernetesLaunchRecords records = new KubernetesLaunchRecords();

  @Test
  void aRunningDriverPodStillRunsAndStoppingItDeletesIt() throws Exception {
    try (MockKubernetes kube = new MockKubernetes()) {
      LocalArtifactStore store = new LocalArtifactStore(dir);
      URI step = record(store, kube.sparkMaster());
      kube.createDriverPod(NS, POD);
      kube.setStatus(NS, POD, MockKubernetes::running);

      assertEquals(Optional.of("driver pod " + NS + ":" + POD + " is Running on " + kube.sparkMaster()),
          records.stillRunning(store, step));

      Optional<StepLaunchRecords.Stopped> stopped = records.stopDetached(store, step);
      assertEquals(Optional.of(new StepLaunchRecords.Stopped(true, "driver pod " + NS + ":" + POD + " was deleted")),
          stopped);
      assertNull(kube.client().pods().inNamespace(NS).withName(POD).get(), "the pod is gone from the API");
      assertEquals(Optional.empty(), records.stillRunning(store, step), "nothing runs any more");
    }
  }

  @Test
  void anEndedPodDoesNotRunAndAnUnansweringServerIsUnknownNotEnded() throws Exception {
    try (MockKubernetes kube = new MockKubernetes()) {
      LocalArtifactStore store = new LocalArtifactStore(dir);
      URI step = record(store, kube.sparkMaster());
      kube.createDriverPod(NS, POD);
      kube.setStatus(NS, POD, MockKubernetes.terminated("Succeeded", 0, "Completed"));
      assertEquals(Optional.empty(), records.stillRunning(store, step));
    }
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    LocalArtifactStore store = new LocalArtifactStore(dir.resolve("other"));
    URI step = record(store, "k8s://http://127.0.0.1:" + closed);
    String unknown = records.stillRunning(store, step).orElseThrow();
    assertTrue(unknown.startsWith("driver pod " + NS + ":" + POD + " may still run: the API server"), unknown);
    StepLaunchRecords.Stopped stopped = records.stopDetached(store, step).orElseThrow();
    assertFalse(stopped.confirmed());
    assertTrue(stopped.what().contains("kubectl -n " + NS + " delete pod " + POD), stopped.what());
    assertEquals(Optional.empty(), records.stillRunning(store, store.resolve("runs/r/steps/none/")),
        "a step without a record is not this operator's");
  }

  private static URI record(LocalArtifactStore store, String master) throws Exception {
    URI step = store.resolve("runs/r/steps/awaitRelease/");
    store.write(step.resolve(KubernetesLaunchRecord.FILE_NAME), JsonCodec.mapper().writeValueAsBytes(
        new KubernetesLaunchRecord(NS + ":" + POD, master, "registry/app@sha256:00", Instant.now(), null)));
    return step;
  }
}

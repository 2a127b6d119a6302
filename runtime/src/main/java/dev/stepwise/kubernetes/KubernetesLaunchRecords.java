package dev.stepwise.kubernetes;

import com.google.auto.service.AutoService;
import dev.stepwise.artifact.ArtifactStore;
import dev.stepwise.operator.StepLaunchRecords;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.URI;
import java.util.Optional;
import java.util.Set;

/**
 * The Kubernetes step operator's {@code kubernetes-launch.json}, read when the orchestrator that
 * submitted the step is gone: a driver pod that is still Pending or Running goes on without it, so
 * the run is interrupted rather than failed, and {@code stepwise run resume} reattaches to the pod.
 */
@AutoService(StepLaunchRecords.class)
public final class KubernetesLaunchRecords implements StepLaunchRecords {
  private static final Set<String> GOING = Set.of("Pending", "Running");

  @Override
  public Optional<String> settleVanished(ArtifactStore store, URI stepDirectory) {
    return Optional.empty(); // nothing of a submitted pod runs on this machine; the pod's own end is read below
  }

  /** Deletes the driver pod (its executors and environment secret go with it) and waits until it is gone. */
  @Override
  public Optional<Stopped> stopDetached(ArtifactStore store, URI stepDirectory) {
    Optional<KubernetesLaunchRecord> record = KubernetesLaunchRecord.read(store, stepDirectory.resolve("spec.json"));
    if (record.isEmpty()) {
      return Optional.empty();
    }
    DriverPodRef pod = record.get().podRef();
    try (KubernetesClient client = KubernetesClients.forRecord(record.get().master(), record.get().context(),
        pod.namespace())) {
      var resource = client.pods().inNamespace(pod.namespace()).withName(pod.podName());
      resource.delete();
      resource.waitUntilCondition(java.util.Objects::isNull, 60, java.util.concurrent.TimeUnit.SECONDS);
      return Optional.of(new Stopped(true, "driver pod " + pod + " was deleted"));
    } catch (KubernetesClientException e) {
      return Optional.of(new Stopped(false, "could not delete driver pod " + pod + " through " + record.get().master()
          + " (" + e.getMessage() + "); delete it with kubectl -n " + pod.namespace() + " delete pod " + pod.podName()));
    }
  }

  @Override
  public Optional<String> stillRunning(ArtifactStore store, URI stepDirectory) {
    Optional<KubernetesLaunchRecord> record = KubernetesLaunchRecord.read(store, stepDirectory.resolve("spec.json"));
    if (record.isEmpty()) {
      return Optional.empty();
    }
    DriverPodRef pod = record.get().podRef();
    String master = record.get().master();
    try (KubernetesClient client = KubernetesClients.forRecord(master, record.get().context(), pod.namespace())) {
      Pod found = client.pods().inNamespace(pod.namespace()).withName(pod.podName()).get();
      String phase = found == null || found.getStatus() == null ? null : found.getStatus().getPhase();
      return phase != null && GOING.contains(phase)
          ? Optional.of("driver pod " + pod + " is " + phase + " on " + master)
          : Optional.empty();
    } catch (KubernetesClientException e) {
      // closing the step as failed could be a lie; a resume finds out and never submits it twice
      return Optional.of("driver pod " + pod + " may still run: the API server " + master + " did not answer ("
          + e.getMessage() + ")");
    }
  }
}

package dev.stepwise.kubernetes;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.stepwise.artifact.ArtifactStore;
import dev.stepwise.support.JsonCodec;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;

/**
 * Written beside the step's spec when its driver pod is submitted: enough for {@code run describe}
 * or a restarted orchestrator to find the pod and reattach instead of submitting again.
 *
 * @param pod {@code namespace:pod}
 * @param master the {@code k8s://} master the pod was submitted to
 * @param context the kube config context whose credentials reach that master (empty: the current one)
 */
public record KubernetesLaunchRecord(
    @JsonProperty("pod") String pod,
    @JsonProperty("master") String master,
    @JsonProperty("image") String image,
    @JsonProperty("submitted_at") Instant submittedAt,
    @JsonProperty("context") String context) {

  public static final String FILE_NAME = "kubernetes-launch.json";

  /**
   * The record of the step whose spec is {@code specUri}, if its pod was submitted: for
   * {@code run describe} and for reattaching. Unreadable records count as absent.
   */
  public static Optional<KubernetesLaunchRecord> read(ArtifactStore store, URI specUri) {
    URI uri = specUri.resolve(FILE_NAME);
    if (!store.exists(uri)) {
      return Optional.empty();
    }
    try {
      KubernetesLaunchRecord record = JsonCodec.mapper().readValue(store.read(uri), KubernetesLaunchRecord.class);
      record.podRef();
      return Optional.of(record);
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  public DriverPodRef podRef() {
    return DriverPodRef.parse(pod);
  }
}

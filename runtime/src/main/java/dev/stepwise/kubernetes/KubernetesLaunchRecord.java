package dev.stepwise.kubernetes;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * Written beside the step's spec when its driver pod is submitted: enough for {@code run describe}
 * or a restarted orchestrator to find the pod and reattach instead of submitting again.
 *
 * @param pod {@code namespace:pod}
 * @param master the {@code k8s://} master the pod was submitted to
 */
public record KubernetesLaunchRecord(
    @JsonProperty("pod") String pod,
    @JsonProperty("master") String master,
    @JsonProperty("image") String image,
    @JsonProperty("submitted_at") Instant submittedAt) {

  public static final String FILE_NAME = "kubernetes-launch.json";

  public DriverPodRef podRef() {
    return DriverPodRef.parse(pod);
  }
}

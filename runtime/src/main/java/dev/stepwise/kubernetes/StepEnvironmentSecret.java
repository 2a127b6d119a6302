package dev.stepwise.kubernetes;

import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Kubernetes secret that carries a step's environment (credentials included) to its driver
 * and executors by reference; once the driver pod exists it owns the secret, so deleting the pod
 * deletes it too.
 */
final class StepEnvironmentSecret {
  private final KubernetesClient client;
  private final DriverPodRef pod;
  private final String name;

  StepEnvironmentSecret(KubernetesClient client, DriverPodRef pod) {
    this.client = client;
    this.pod = pod;
    this.name = KubernetesBackend.environmentSecretName(pod.podName());
  }

  void write(Map<String, String> environment) {
    Secret secret = new SecretBuilder()
        .withNewMetadata().withName(name).withNamespace(pod.namespace())
        .addToLabels("app.kubernetes.io/managed-by", "stepwise").endMetadata()
        .withType("Opaque")
        .withStringData(new TreeMap<>(environment))
        .build();
    client.secrets().inNamespace(pod.namespace()).resource(secret).createOr(NonDeletingOperation::update);
  }

  void ownedByPod() {
    Pod driver = client.pods().inNamespace(pod.namespace()).withName(pod.podName()).get();
    if (driver == null) {
      return;
    }
    client.secrets().inNamespace(pod.namespace()).withName(name).edit(secret -> new SecretBuilder(secret)
        .editMetadata().withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("v1").withKind("Pod")
            .withName(driver.getMetadata().getName()).withUid(driver.getMetadata().getUid())
            .withController(true).build())
        .endMetadata().build());
  }
}

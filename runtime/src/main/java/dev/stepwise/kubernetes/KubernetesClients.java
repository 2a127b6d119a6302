package dev.stepwise.kubernetes;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

/**
 * A fabric8 client for the same API server Spark submits to: the kube config (and
 * {@code kubernetes_context}) for credentials, the {@code k8s://} master for the address.
 */
public final class KubernetesClients {
  private KubernetesClients() {}

  public static KubernetesClient forConfig(KubernetesStepOperatorConfig config) {
    Config base = Config.autoConfigure(config.kubernetesContext());
    base.setMasterUrl(apiServer(config.master()));
    base.setNamespace(config.namespace());
    return new KubernetesClientBuilder().withConfig(base).build();
  }

  /**
   * A client for what a launch record names: {@code master} with the credentials of kube config
   * {@code context} (null: the current one), failing fast when the server does not answer.
   */
  static KubernetesClient forRecord(String master, String context, String namespace) {
    Config base = Config.autoConfigure(context);
    base.setMasterUrl(apiServer(master));
    base.setNamespace(namespace);
    base.setConnectionTimeout(5_000);
    base.setRequestTimeout(10_000);
    base.setRequestRetryBackoffLimit(0);
    return new KubernetesClientBuilder().withConfig(base).build();
  }

  /** {@code k8s://https://host:port} → {@code https://host:port}; Spark assumes https without a scheme. */
  static String apiServer(String master) {
    String rest = master.trim().substring("k8s://".length());
    return rest.startsWith("http://") || rest.startsWith("https://") ? rest : "https://" + rest;
  }
}

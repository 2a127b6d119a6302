package dev.stepwise.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.function.UnaryOperator;

/**
 * fabric8's Kubernetes API double in CRUD mode on 127.0.0.1 over plain HTTP, with
 * {@link ApplyingDispatcher}; tests drive pod status through {@link #setStatus}.
 */
final class MockKubernetes implements AutoCloseable {
  private final KubernetesMockServer server;
  private final ApplyingDispatcher dispatcher;
  private final KubernetesClient client;

  MockKubernetes() throws Exception {
    Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
    dispatcher = new ApplyingDispatcher(responses);
    server = new KubernetesMockServer(new Context(), new MockWebServer(), responses, dispatcher, false);
    server.init(InetAddress.getByName("127.0.0.1"), 0);
    client = server.createClient();
  }

  KubernetesClient client() {
    return client;
  }

  KubernetesMockServer server() {
    return server;
  }

  /** {@code k8s://http://127.0.0.1:PORT}: the master URL Spark is given. */
  String sparkMaster() {
    return "k8s://http://127.0.0.1:" + server.getPort();
  }

  /** {@code namespace:pod} of every pod created through the API, in order. */
  java.util.List<String> createdPods() {
    return dispatcher.createdPods();
  }

  void setLog(String namespace, String pod, String text) {
    dispatcher.setLog(namespace + ":" + pod, text);
  }

  /** A driver pod as Spark would create it (Pending), for watcher tests that do not run Spark. */
  Pod createDriverPod(String namespace, String name) {
    Pod pod = new PodBuilder()
        .withNewMetadata().withName(name).withNamespace(namespace).addToLabels("spark-role", "driver").endMetadata()
        .withNewSpec().addNewContainer().withName(DriverPodStatus.DRIVER_CONTAINER).withImage("example/app:1")
        .endContainer().withRestartPolicy("Never").endSpec()
        .build();
    return client.pods().inNamespace(namespace).resource(pod).create();
  }

  void setStatus(String namespace, String name, UnaryOperator<PodBuilder> edit) {
    retryingClosedConnections(() ->
        client.pods().inNamespace(namespace).withName(name).editStatus(pod -> edit.apply(new PodBuilder(pod)).build()));
  }

  /** Deletes a pod as someone outside Stepwise would (kubectl, an eviction). */
  void deletePod(String namespace, String name) {
    retryingClosedConnections(() -> client.pods().inNamespace(namespace).withName(name).delete());
  }

  /** The double sometimes closes a pooled connection under a request; the test's own calls try again. */
  private static <T> T retryingClosedConnections(java.util.function.Supplier<T> call) {
    for (int attempt = 1; ; attempt++) {
      try {
        return call.get();
      } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
        if (e.getCode() != 0 || attempt == 3) {
          throw e;
        }
      }
    }
  }

  static PodBuilder running(PodBuilder pod) {
    return pod.editOrNewStatus().withPhase("Running").withContainerStatuses(new ContainerStatusBuilder()
        .withName(DriverPodStatus.DRIVER_CONTAINER).withNewState().withNewRunning().endRunning().endState().build())
        .endStatus();
  }

  static UnaryOperator<PodBuilder> terminated(String phase, int exitCode, String reason) {
    return pod -> pod.editOrNewStatus().withPhase(phase).withContainerStatuses(new ContainerStatusBuilder()
        .withName(DriverPodStatus.DRIVER_CONTAINER).withNewState().withNewTerminated().withExitCode(exitCode)
        .withReason(reason).endTerminated().endState().build()).endStatus();
  }

  static UnaryOperator<PodBuilder> waiting(String reason, String message) {
    return pod -> pod.editOrNewStatus().withPhase("Pending").withContainerStatuses(new ContainerStatusBuilder()
        .withName(DriverPodStatus.DRIVER_CONTAINER).withNewState().withNewWaiting().withReason(reason)
        .withMessage(message).endWaiting().endState().build()).endStatus();
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }
}

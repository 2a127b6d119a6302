package dev.stepwise.kubernetes;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CRUD mock plus what a real API server does that Spark's submission client relies on:
 * server-side apply (create when missing, merge when present) and new pods starting in
 * {@code Pending}. Also records pod creations, to count submissions.
 */
final class ApplyingDispatcher extends KubernetesMixedDispatcher {
  private static final Pattern POD_COLLECTION = Pattern.compile("/api/v1/namespaces/([^/]+)/pods/?(\\?.*)?");
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  private static final Pattern POD_LOG = Pattern.compile("/api/v1/namespaces/([^/]+)/pods/([^/?]+)/log(\\?.*)?");
  private final List<String> createdPods = new CopyOnWriteArrayList<>();
  private final Map<String, String> logs = new java.util.concurrent.ConcurrentHashMap<>();

  ApplyingDispatcher(Map<ServerRequest, Queue<ServerResponse>> responses) {
    super(responses);
  }

  /** What {@code GET .../pods/NAME/log} answers for {@code namespace:pod}. */
  void setLog(String pod, String text) {
    logs.put(pod, text);
  }

  List<String> createdPods() {
    return List.copyOf(createdPods);
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String contentType = request.getHeader("Content-Type");
    if ("PATCH".equals(request.getMethod()) && contentType != null && contentType.startsWith("application/apply-patch")) {
      return apply(request);
    }
    Matcher log = POD_LOG.matcher(request.getPath());
    if ("GET".equals(request.getMethod()) && log.matches()) {
      String text = logs.get(log.group(1) + ":" + log.group(2));
      return text == null ? new MockResponse().setResponseCode(404) : new MockResponse().setResponseCode(200).setBody(text);
    }
    Matcher pods = POD_COLLECTION.matcher(request.getPath());
    if (!("POST".equals(request.getMethod()) && pods.matches())) {
      return super.dispatch(request);
    }
    // a real API server stores a new pod as Pending, so the create response and the ADDED watch event
    // carry the phase (Spark's executor pod watcher fails on a pod without status)
    GenericKubernetesResource pod = SERIALIZATION.unmarshal(request.getUtf8Body(), GenericKubernetesResource.class);
    if (pod.getAdditionalProperties().get("status") == null) {
      pod.setAdditionalProperty("status", Map.of("phase", "Pending"));
    }
    // reading the body consumed it: dispatch a fresh request
    MockResponse response = super.dispatch(new RecordedRequest(request.getHttpVersion(), request.method(),
        request.getPath(), request.getHeaders(),
        new Buffer(SERIALIZATION.asJson(pod).getBytes(StandardCharsets.UTF_8))));
    if (response.code() / 100 == 2) {
      createdPods.add(pods.group(1) + ":" + pod.getMetadata().getName());
    }
    return response;
  }

  private MockResponse apply(RecordedRequest request) {
    String path = request.getPath().split("\\?", 2)[0];
    String json = SERIALIZATION.asJson(SERIALIZATION.unmarshal(request.getUtf8Body(), GenericKubernetesResource.class));
    MockResponse existing = super.dispatch(request(HttpMethod.GET, path, null, null));
    if (existing.code() == 404) {
      return super.dispatch(request(HttpMethod.POST, path.substring(0, path.lastIndexOf('/')), "application/json", json));
    }
    return super.dispatch(request(HttpMethod.PATCH, path, "application/merge-patch+json", json));
  }

  private static RecordedRequest request(HttpMethod method, String path, String contentType, String body) {
    Headers.Builder headers = new Headers.Builder();
    if (contentType != null) {
      headers.add("Content-Type", contentType);
    }
    Buffer buffer = new Buffer();
    if (body != null) {
      buffer.write(body.getBytes(StandardCharsets.UTF_8));
    }
    return new RecordedRequest("HTTP/1.1", method, path, headers.build(), buffer);
  }
}

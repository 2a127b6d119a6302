package dev.stepwise.kubernetes;

import dev.stepwise.spark.SparkSubmission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The driver and executor pods a submission will create, as Spark sizes them: requests and limits
 * after memory overhead, the GPU limit, labels, and environment variable names (values stay in the
 * step's Kubernetes secret). What {@code stepwise step explain} shows for a spark-kubernetes step.
 */
public record PodPreview(
    String image,
    String namespace,
    Optional<String> serviceAccount,
    Pod driver,
    Pod executor,
    int executorInstances,
    Map<String, String> labels,
    List<String> environmentNames) {

  /** One kind of pod: CPU request and limit, memory (request = limit, heap + overhead), GPUs. */
  public record Pod(String cpuRequest, Optional<String> cpuLimit, long memoryMib, int gpus) {}

  public PodPreview {
    labels = Map.copyOf(labels);
    environmentNames = List.copyOf(environmentNames);
  }

  public static PodPreview of(SparkSubmission submission) {
    Map<String, String> labels = new TreeMap<>();
    List<String> env = new ArrayList<>();
    for (var entry : submission.conf()) {
      if (entry.key().startsWith("spark.kubernetes.driver.label.")) {
        labels.put(entry.key().substring("spark.kubernetes.driver.label.".length()), entry.value());
      } else if (entry.key().startsWith("spark.kubernetes.driver.secretKeyRef.")) {
        env.add(entry.key().substring("spark.kubernetes.driver.secretKeyRef.".length()));
      }
    }
    Pod driver = new Pod(
        value(submission, "spark.kubernetes.driver.request.cores").orElse(value(submission, "spark.driver.cores").orElse("1")),
        value(submission, "spark.kubernetes.driver.limit.cores"),
        memory(submission, "spark.driver"),
        Integer.parseInt(value(submission, "spark.driver.resource.gpu.amount").orElse("0")));
    Pod executor = new Pod(
        value(submission, "spark.kubernetes.executor.request.cores")
            .orElse(value(submission, "spark.executor.cores").orElse("1")),
        value(submission, "spark.kubernetes.executor.limit.cores"),
        memory(submission, "spark.executor"),
        Integer.parseInt(value(submission, "spark.executor.resource.gpu.amount").orElse("0")));
    return new PodPreview(
        value(submission, "spark.kubernetes.container.image").orElse("<image>"),
        value(submission, "spark.kubernetes.namespace").orElse(KubernetesStepOperatorConfig.DEFAULT_NAMESPACE),
        value(submission, "spark.kubernetes.authenticate.driver.serviceAccountName"),
        driver, executor,
        Integer.parseInt(value(submission, "spark.executor.instances").orElse("2")),
        labels, env);
  }

  /** Readable lines, as explain prints them. */
  public List<String> lines() {
    List<String> lines = new ArrayList<>();
    lines.add("image:           " + image);
    lines.add("namespace:       " + namespace);
    lines.add("service account: " + serviceAccount.orElse("(namespace default)"));
    lines.add("driver pod:      " + describe(driver));
    lines.add("executor pods:   " + executorInstances + " x " + describe(executor));
    lines.add("labels:          " + labels);
    lines.add("env (by secret): " + environmentNames);
    return List.copyOf(lines);
  }

  private static String describe(Pod pod) {
    return "requests cpu=" + pod.cpuRequest() + " memory=" + pod.memoryMib() + "Mi; limits "
        + pod.cpuLimit().map(c -> "cpu=" + c + " ").orElse("") + "memory=" + pod.memoryMib() + "Mi"
        + (pod.gpus() > 0 ? " nvidia.com/gpu=" + pod.gpus() : "");
  }

  private static long memory(SparkSubmission submission, String prefix) {
    long heap = value(submission, prefix + ".memory").map(KubernetesBackend::mib).orElse(1024L);
    long overhead = value(submission, prefix + ".memoryOverhead").map(KubernetesBackend::mib)
        .orElse(Math.max(384, (long) Math.ceil(heap * 0.1)));
    return heap + overhead;
  }

  private static Optional<String> value(SparkSubmission submission, String key) {
    return submission.value(key);
  }
}

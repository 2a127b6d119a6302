package dev.stepwise.kubernetes;

import dev.stepwise.image.ImageLayout;
import dev.stepwise.spark.ConfSource;
import dev.stepwise.spark.ResourceConfiguration;
import dev.stepwise.spark.SparkConfBuilder;
import dev.stepwise.spark.SparkConfLayer;
import dev.stepwise.spark.SparkStepOperatorConfig;
import dev.stepwise.spark.SparkStepRequest;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Layer 2 for {@code k8s://} masters: the built image, namespace, service accounts, driver and
 * executor environment (ZenML sets only the executor's, and in clear text), Stepwise's labels on both pod kinds, the
 * exact fractional CPU request, explicit memory overhead, GPUs with their vendor, and a
 * submission that returns once the driver pod exists (the pod is then followed through the API).
 */
public final class KubernetesBackend implements SparkConfLayer {
  public static final String RUN_ID_LABEL = "stepwise.dev/run-id";
  public static final String STEP_LABEL = "stepwise.dev/step";
  public static final String PIPELINE_LABEL = "stepwise.dev/pipeline";
  static final ConfSource SOURCE = ConfSource.layer("backend", "kubernetes");
  private static final long MIN_OVERHEAD_MIB = 384;
  private static final Pattern SPARK_SIZE = Pattern.compile("([0-9]+)([kmgtp]?)b?");

  private final KubernetesStepOperatorConfig config;
  private final String image;
  private final String driverPodName;
  private final SortedSet<String> environmentNames;
  private final String environmentSecret;

  /**
   * @param image the built image, best pinned by digest ({@code registry/repo@sha256:...})
   * @param driverPodName deterministic per run and step, so a restarted submitter finds the pod
   * @param environmentNames the step's environment variables, for driver and executors; their values
   *     travel in the Kubernetes secret {@code environmentSecret} (one key per variable), never in a
   *     Spark conf value, which Spark writes into a ConfigMap and shows in its UI
   */
  public KubernetesBackend(KubernetesStepOperatorConfig config, String image, String driverPodName,
      Set<String> environmentNames, String environmentSecret) {
    this.config = Objects.requireNonNull(config, "config");
    this.image = Objects.requireNonNull(image, "image");
    this.driverPodName = Objects.requireNonNull(driverPodName, "driverPodName");
    this.environmentNames = new TreeSet<>(environmentNames);
    this.environmentSecret = Objects.requireNonNull(environmentSecret, "environmentSecret");
  }

  /** The name of the Kubernetes secret holding a step's environment, beside its driver pod. */
  public static String environmentSecretName(String driverPodName) {
    return driverPodName.replaceAll("-driver$", "") + "-env";
  }

  @Override
  public void apply(SparkStepRequest request, SparkStepOperatorConfig sparkConfig, SparkConfBuilder conf) {
    conf.set("spark.kubernetes.container.image", image, SOURCE);
    conf.set("spark.kubernetes.namespace", config.namespace(), SOURCE);
    conf.set("spark.kubernetes.driver.pod.name", driverPodName, SOURCE);
    conf.set("spark.kubernetes.submission.waitAppCompletion", "false", SOURCE);
    // every jar is already in the image: without this the driver copies each local:// jar into its
    // work dir and executors then fetch those copies from the driver instead of reading their own
    conf.set("spark.kubernetes.jars.avoidDownloadSchemes", "local", SOURCE);
    if (config.serviceAccount() != null) {
      conf.set("spark.kubernetes.authenticate.driver.serviceAccountName", config.serviceAccount(), SOURCE);
      conf.set("spark.kubernetes.authenticate.executor.serviceAccountName", config.serviceAccount(), SOURCE);
    }
    if (config.kubernetesContext() != null) {
      conf.set("spark.kubernetes.context", config.kubernetesContext(), SOURCE);
    }
    if (config.imagePullPolicy() != null) {
      conf.set("spark.kubernetes.container.image.pullPolicy", config.imagePullPolicy(), SOURCE);
    }
    if (!config.imagePullSecrets().isEmpty()) {
      conf.set("spark.kubernetes.container.image.pullSecrets", String.join(",", config.imagePullSecrets()), SOURCE);
    }
    if (config.driverPodTemplate() != null) {
      conf.set("spark.kubernetes.driver.podTemplateFile", config.driverPodTemplate(), SOURCE);
    }
    if (config.executorPodTemplate() != null) {
      conf.set("spark.kubernetes.executor.podTemplateFile", config.executorPodTemplate(), SOURCE);
    }
    Map<String, String> labels = new TreeMap<>(config.labels());
    labels.put(RUN_ID_LABEL, KubernetesNames.labelValue(request.runId()));
    labels.put(STEP_LABEL, KubernetesNames.labelValue(request.step().name()));
    labels.put(PIPELINE_LABEL, KubernetesNames.labelValue(request.pipelineName()));
    for (Map.Entry<String, String> label : labels.entrySet()) {
      conf.set("spark.kubernetes.driver.label." + label.getKey(), label.getValue(), SOURCE);
      conf.set("spark.kubernetes.executor.label." + label.getKey(), label.getValue(), SOURCE);
    }
    for (Map.Entry<String, String> annotation : config.annotations().entrySet()) {
      conf.set("spark.kubernetes.driver.annotation." + annotation.getKey(), annotation.getValue(), SOURCE);
      conf.set("spark.kubernetes.executor.annotation." + annotation.getKey(), annotation.getValue(), SOURCE);
    }
    for (Map.Entry<String, String> selector : config.nodeSelector().entrySet()) {
      conf.set("spark.kubernetes.node.selector." + selector.getKey(), selector.getValue(), SOURCE);
    }
    // driver and executors both get the environment (ZenML forgets the driver), by secret reference
    for (String variable : environmentNames) {
      String reference = environmentSecret + ":" + variable;
      conf.set("spark.kubernetes.driver.secretKeyRef." + variable, reference, SOURCE);
      conf.set("spark.kubernetes.executor.secretKeyRef." + variable, reference, SOURCE);
    }
    request.step().resourceSettings().flatMap(ResourceConfiguration::exactCores).ifPresent(cores ->
        conf.set("spark.kubernetes.executor.request.cores", cores.toPlainString(), SOURCE));
    conf.set("spark.executor.memoryOverhead", overhead(conf, "spark.executor.memory"), SOURCE);
    conf.set("spark.driver.memoryOverhead", overhead(conf, "spark.driver.memory"), SOURCE);
    // the resources layer set amount and the in-image discovery script; Kubernetes also needs the vendor.
    // The step's own code runs in the driver, so the driver pod asks for the same GPUs.
    conf.get("spark.executor.resource.gpu.amount").ifPresent(gpus -> {
      conf.set("spark.executor.resource.gpu.vendor", "nvidia.com", SOURCE);
      conf.set("spark.driver.resource.gpu.amount", gpus.value(), SOURCE);
      conf.set("spark.driver.resource.gpu.vendor", "nvidia.com", SOURCE);
      conf.set("spark.driver.resource.gpu.discoveryScript", ImageLayout.GPU_DISCOVERY_SCRIPT, SOURCE);
    });
  }

  /** Spark's own rule made visible: max(384 MiB, 10% of the heap), so explain shows the real pod size. */
  private static String overhead(SparkConfBuilder conf, String memoryKey) {
    long heapMib = conf.get(memoryKey).map(e -> mib(e.value())).orElse(1024L);
    long overhead = Math.max(MIN_OVERHEAD_MIB,
        BigDecimal.valueOf(heapMib).multiply(new BigDecimal("0.1")).setScale(0, RoundingMode.CEILING).longValue());
    return overhead + "m";
  }

  /** A Spark memory string in MiB ({@code 4g} → 4096; a bare number is MiB, as Spark reads it). */
  static long mib(String sparkSize) {
    Matcher m = SPARK_SIZE.matcher(sparkSize.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException("'" + sparkSize + "' is not a Spark memory size such as 4g or 512m");
    }
    long amount = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "k" -> (amount + 1023) / 1024;
      case "g" -> amount * 1024;
      case "t" -> amount * 1024 * 1024;
      case "p" -> amount * 1024 * 1024 * 1024;
      default -> amount;
    };
  }
}

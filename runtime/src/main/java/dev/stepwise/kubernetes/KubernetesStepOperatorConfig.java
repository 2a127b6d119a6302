package dev.stepwise.kubernetes;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.stepwise.spark.DeployMode;
import dev.stepwise.spark.SparkMaster;
import dev.stepwise.spark.SparkStepOperatorConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Config of the {@code spark-kubernetes} step operator (ZenML's
 * {@code KubernetesSparkStepOperatorConfig}): the {@code spark} flavor's keys, checked by its own
 * rules, plus where and how driver and executor pods run.
 *
 * @param pendingTimeout how long a driver pod may stay Pending before the step fails (default 10m)
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record KubernetesStepOperatorConfig(
    @JsonProperty(value = "master", required = true) String master,
    @JsonProperty("deploy_mode") String deployMode,
    @JsonProperty("submit_kwargs") Map<String, String> submitKwargs,
    @JsonProperty("spark_home") String sparkHome,
    @JsonProperty("timeout") String timeout,
    @JsonProperty("namespace") String namespace,
    @JsonProperty("service_account") String serviceAccount,
    @JsonProperty("kubernetes_context") String kubernetesContext,
    @JsonProperty("image_pull_policy") String imagePullPolicy,
    @JsonProperty("image_pull_secrets") List<String> imagePullSecrets,
    @JsonProperty("driver_pod_template") String driverPodTemplate,
    @JsonProperty("executor_pod_template") String executorPodTemplate,
    @JsonProperty("labels") Map<String, String> labels,
    @JsonProperty("annotations") Map<String, String> annotations,
    @JsonProperty("node_selector") Map<String, String> nodeSelector,
    @JsonProperty("pending_timeout") String pendingTimeout) {

  public static final String DEFAULT_NAMESPACE = "default";
  public static final Duration DEFAULT_PENDING_TIMEOUT = Duration.ofMinutes(10);
  private static final Set<String> PULL_POLICIES = Set.of("Always", "IfNotPresent", "Never");

  public KubernetesStepOperatorConfig {
    deployMode = deployMode == null || deployMode.isBlank() ? SparkStepOperatorConfig.DEFAULT_DEPLOY_MODE : deployMode;
    submitKwargs = frozen(submitKwargs);
    namespace = namespace == null || namespace.isBlank() ? DEFAULT_NAMESPACE : namespace.trim();
    serviceAccount = blankToNull(serviceAccount);
    kubernetesContext = blankToNull(kubernetesContext);
    imagePullPolicy = blankToNull(imagePullPolicy);
    imagePullSecrets = imagePullSecrets == null ? List.of() : List.copyOf(imagePullSecrets);
    driverPodTemplate = blankToNull(driverPodTemplate);
    executorPodTemplate = blankToNull(executorPodTemplate);
    labels = frozen(labels);
    annotations = frozen(annotations);
    nodeSelector = frozen(nodeSelector);
    pendingTimeout = blankToNull(pendingTimeout);
  }

  /** A config with only {@code master} and {@code namespace} set. */
  public static KubernetesStepOperatorConfig of(String master, String namespace) {
    return new KubernetesStepOperatorConfig(master, null, null, null, null, namespace, null, null, null, null, null,
        null, null, null, null, null);
  }

  /** The {@code spark} flavor's part of this config, validated and planned by the spark flavor's rules. */
  public SparkStepOperatorConfig sparkConfig() {
    return new SparkStepOperatorConfig(master, deployMode, submitKwargs, sparkHome, timeout);
  }

  /** Every problem, each with its fix; empty when valid. */
  public List<String> problems() {
    List<String> problems = new ArrayList<>(sparkConfig().problems());
    try {
      if (SparkMaster.parse(master).kind() != SparkMaster.Kind.KUBERNETES) {
        problems.add("master '" + master + "' is not a Kubernetes API server; the spark-kubernetes flavor needs "
            + "k8s://https://HOST:PORT (see `kubectl cluster-info`); use the spark flavor for other masters");
      }
    } catch (IllegalArgumentException alreadyReported) {
      // sparkConfig().problems() names the accepted forms
    }
    if (DeployMode.parse(deployMode).orElse(null) == DeployMode.CLIENT) {
      problems.add("deploy_mode 'client' would run the driver on this machine, outside the cluster and the built "
          + "image; use deploy_mode 'cluster' (the default) with spark-kubernetes");
    }
    if (!KubernetesNames.isDnsLabel(namespace)) {
      problems.add("namespace '" + namespace + "' is not a Kubernetes name (lowercase letters, digits and '-', "
          + "at most 63, e.g. spark-jobs)");
    }
    if (serviceAccount != null && !KubernetesNames.isDnsSubdomain(serviceAccount)) {
      problems.add("service_account '" + serviceAccount + "' is not a Kubernetes name (lowercase letters, digits, "
          + "'-' and '.', e.g. spark-driver); create one with `stepwise spark-kubernetes rbac`");
    }
    if (imagePullPolicy != null && !PULL_POLICIES.contains(imagePullPolicy)) {
      problems.add("image_pull_policy '" + imagePullPolicy + "' is not one of Always, IfNotPresent, Never");
    }
    for (String secret : imagePullSecrets) {
      if (!KubernetesNames.isDnsSubdomain(secret)) {
        problems.add("image_pull_secrets entry '" + secret + "' is not a Kubernetes secret name");
      }
    }
    templateProblem("driver_pod_template", driverPodTemplate).ifPresent(problems::add);
    templateProblem("executor_pod_template", executorPodTemplate).ifPresent(problems::add);
    labelProblems("labels", labels, true, problems);
    labelProblems("annotations", annotations, false, problems);
    labelProblems("node_selector", nodeSelector, true, problems);
    if (pendingTimeout != null) {
      try {
        parseDuration(pendingTimeout);
      } catch (IllegalArgumentException e) {
        problems.add("pending_timeout: " + e.getMessage());
      }
    }
    return List.copyOf(problems);
  }

  public Duration pendingTimeoutDuration() {
    return pendingTimeout == null ? DEFAULT_PENDING_TIMEOUT : parseDuration(pendingTimeout);
  }

  /** The spark flavor's duration syntax ({@code 90s}, {@code 30m}, ISO-8601), through its public config. */
  private static Duration parseDuration(String text) {
    return new SparkStepOperatorConfig("local", "client", Map.of(), null, text).timeoutDuration().orElseThrow();
  }

  public Optional<Duration> timeoutDuration() {
    return sparkConfig().timeoutDuration();
  }

  private static Optional<String> templateProblem(String key, String template) {
    if (template == null) {
      return Optional.empty();
    }
    Path path = Path.of(template);
    if (!path.isAbsolute() || !Files.isRegularFile(path)) {
      return Optional.of(key + " '" + template + "' must be an absolute path to an existing pod template YAML file");
    }
    return Optional.empty();
  }

  private static void labelProblems(String key, Map<String, String> values, boolean checkValues, List<String> problems) {
    for (Map.Entry<String, String> entry : values.entrySet()) {
      if (!KubernetesNames.isQualifiedName(entry.getKey())) {
        problems.add(key + " key '" + entry.getKey() + "' is not a Kubernetes label key ([prefix/]name, name at most "
            + "63 characters of letters, digits, '-', '_', '.')");
      } else if (checkValues && !KubernetesNames.isLabelValue(entry.getValue())) {
        problems.add(key + " value '" + entry.getValue() + "' of '" + entry.getKey() + "' is not a Kubernetes label "
            + "value (at most 63 letters, digits, '-', '_', '.', starting and ending alphanumeric)");
      }
    }
  }

  private static Map<String, String> frozen(Map<String, String> map) {
    return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(new TreeMap<>(map)));
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.trim();
  }
}

package dev.stepwise.spark;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Config of the {@code spark} step operator flavor (ZenML's {@code SparkStepOperatorConfig}), in
 * ZenML's key spelling. {@code submit_kwargs} is a map of Spark keys, also accepted as a JSON string.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record SparkStepOperatorConfig(
    @JsonProperty("master") String master,
    @JsonProperty("deploy_mode") String deployMode,
    @JsonProperty("submit_kwargs") @JsonDeserialize(using = SubmitKwargsDeserializer.class)
        Map<String, String> submitKwargs,
    @JsonProperty("spark_home") String sparkHome,
    @JsonProperty("timeout") String timeout,
    @JsonProperty("pending_timeout") String pendingTimeout,
    @JsonProperty("master_web_ui_url") String masterWebUiUrl,
    @JsonProperty("master_rest_url") String masterRestUrl) {

  public static final String DEFAULT_DEPLOY_MODE = "cluster";
  /** How long a standalone driver or application may wait for resources before the step fails. */
  public static final Duration DEFAULT_PENDING_TIMEOUT = Duration.ofMinutes(5);

  public SparkStepOperatorConfig {
    deployMode = deployMode == null || deployMode.isBlank() ? DEFAULT_DEPLOY_MODE : deployMode.trim();
    submitKwargs = submitKwargs == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(submitKwargs));
    sparkHome = sparkHome == null || sparkHome.isBlank() ? null : sparkHome;
    timeout = timeout == null || timeout.isBlank() ? null : timeout;
    pendingTimeout = pendingTimeout == null || pendingTimeout.isBlank() ? null : pendingTimeout;
    masterWebUiUrl = masterWebUiUrl == null || masterWebUiUrl.isBlank() ? null : masterWebUiUrl.trim();
    masterRestUrl = masterRestUrl == null || masterRestUrl.isBlank() ? null : masterRestUrl.trim();
  }

  /** The original five keys; the standalone ones at their defaults. */
  public SparkStepOperatorConfig(String master, String deployMode, Map<String, String> submitKwargs, String sparkHome,
      String timeout) {
    this(master, deployMode, submitKwargs, sparkHome, timeout, null, null, null);
  }

  /** A config for {@code master} with every other key at its default. */
  public static SparkStepOperatorConfig of(String master, String deployMode) {
    return new SparkStepOperatorConfig(master, deployMode, Map.of(), null, null);
  }

  /** Every problem of this config, each saying what is wrong and how to fix it; empty when valid. */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    Optional<SparkMaster> parsedMaster = Optional.empty();
    try {
      parsedMaster = Optional.of(SparkMaster.parse(master));
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
    }
    Optional<DeployMode> mode = DeployMode.parse(deployMode);
    if (mode.isEmpty()) {
      problems.add("deploy_mode '" + deployMode + "' is not valid; use 'client' or 'cluster'");
    } else {
      problems.addAll(deployModeProblems(parsedMaster, mode.get(), "deploy_mode"));
    }
    for (Map.Entry<String, String> kwarg : submitKwargs.entrySet()) {
      submitKeyProblem(kwarg.getKey(), "submit_kwargs").ifPresent(problems::add);
    }
    if (timeout != null) {
      try {
        SparkDurations.parse(timeout);
      } catch (IllegalArgumentException e) {
        problems.add(e.getMessage());
      }
    }
    if (pendingTimeout != null) {
      try {
        SparkDurations.parse(pendingTimeout);
      } catch (IllegalArgumentException e) {
        problems.add("pending_timeout: " + e.getMessage());
      }
    }
    for (String[] url : new String[][] {{"master_web_ui_url", masterWebUiUrl}, {"master_rest_url", masterRestUrl}}) {
      if (url[1] != null && !url[1].matches("https?://[^/\\s]+(:[0-9]{1,5})?/?")) {
        problems.add(url[0] + " '" + url[1] + "' is not an http URL; use e.g. http://master-host:"
            + (url[0].startsWith("master_web") ? "8080" : "6066"));
      }
    }
    if (sparkHome != null && !Path.of(sparkHome).resolve("bin/spark-submit").toFile().canExecute()) {
      problems.add("spark_home '" + sparkHome + "' has no executable bin/spark-submit; point it at a Spark "
          + "installation or remove it to use the embedded Spark");
    }
    return List.copyOf(problems);
  }

  static List<String> deployModeProblems(Optional<SparkMaster> master, DeployMode mode, String what) {
    if (master.isPresent() && master.get().kind() == SparkMaster.Kind.LOCAL && mode == DeployMode.CLUSTER) {
      return List.of(what + " 'cluster' cannot be used with the local master '" + master.get().url()
          + "' (Spark runs local drivers in the submitting process); set " + what + " to 'client'");
    }
    return List.of();
  }

  static Optional<String> submitKeyProblem(String key, String where) {
    if (key == null || !key.startsWith("spark.") || key.length() == "spark.".length() || key.contains("=")
        || key.chars().anyMatch(Character::isWhitespace)) {
      return Optional.of(where + " key '" + key + "' is not a Spark property; keys look like "
          + "'spark.executor.instances' (no spaces or '=')");
    }
    return Optional.empty();
  }

  public SparkMaster parsedMaster() {
    return SparkMaster.parse(master);
  }

  public DeployMode parsedDeployMode() {
    return DeployMode.parse(deployMode).orElseThrow(
        () -> new IllegalArgumentException("deploy_mode '" + deployMode + "' is not valid; use 'client' or 'cluster'"));
  }

  public Optional<Duration> timeoutDuration() {
    return Optional.ofNullable(timeout).map(SparkDurations::parse);
  }

  /** {@code pending_timeout}, or {@link #DEFAULT_PENDING_TIMEOUT}. */
  public Duration pendingTimeoutDuration() {
    return pendingTimeout == null ? DEFAULT_PENDING_TIMEOUT : SparkDurations.parse(pendingTimeout);
  }

  /** Where a {@code spark://} master answers over HTTP; empty for other masters. */
  public Optional<StandaloneMasterApi> standaloneMaster() {
    SparkMaster parsed = parsedMaster();
    return parsed.kind() == SparkMaster.Kind.STANDALONE
        ? Optional.of(StandaloneMasterApi.of(parsed, masterWebUiUrl, masterRestUrl)) : Optional.empty();
  }

  public Optional<Path> sparkHomePath() {
    return Optional.ofNullable(sparkHome).map(Path::of);
  }
}

package dev.stepwise.spark;

import dev.stepwise.step.SecretSessionConf;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * How the secret keys of a submission reach Spark without a command line or a ConfigMap: as one
 * environment variable of the driver (spark-submit's own JVM in client mode; the driver pod, by
 * reference to the step's Kubernetes secret, in cluster mode), which the generated entrypoint
 * applies to the session builder; executors then get them over Spark's RPC, not argv. Keys Spark
 * reads before that session exists, or copies onto other processes' command lines, have no such
 * channel and are refused.
 */
public final class SecretSparkConf {
  /** The driver's environment variable that carries the secret keys, in {@link Properties} text form. */
  public static final String ENVIRONMENT_VARIABLE = SecretSessionConf.ENVIRONMENT_VARIABLE;
  /** Names the driver's variables a standalone cluster's executors need too (see {@link SecretSessionConf}). */
  public static final String EXECUTOR_ENV_FROM_DRIVER = SecretSessionConf.EXECUTOR_ENV_FROM_DRIVER;
  /** Spark's own redaction key; its default pattern is kept and our secret keys added. */
  public static final String REDACTION_REGEX = "spark.redaction.regex";
  /** Spark 4's default {@code spark.redaction.regex}. */
  public static final String SPARK_DEFAULT_REDACTION = SecretSessionConf.SPARK_DEFAULT_REDACTION;

  // read by spark-submit or the driver JVM before any session (driver JVM, submission client,
  // resources), or copied onto executors' command lines / pod specs (SparkConf.isExecutorStartupConf)
  private static final List<String> NO_CHANNEL_PREFIXES = List.of(
      "spark.driver.", "spark.executor.extraJavaOptions", "spark.executor.extraClassPath",
      "spark.executor.extraLibraryPath", "spark.executorEnv.", "spark.kubernetes.", "spark.yarn.",
      "spark.submit.", "spark.master", "spark.app.name", "spark.jars", "spark.files", "spark.archives",
      "spark.auth", "spark.ssl", "spark.rpc", "spark.network", "spark.redaction.", "spark.stepwise.");

  private SecretSparkConf() {}

  /** Why {@code key} cannot carry a value from a secret, with the safe alternative; empty when it can. */
  public static Optional<String> noChannel(String key) {
    return NO_CHANNEL_PREFIXES.stream().filter(key::startsWith).findFirst().map(prefix ->
        "Spark key '" + key + "' has a value from a secret, but Spark reads '" + prefix + "*' before the"
            + " step's session exists or copies it onto a command line, pod spec or ConfigMap, so it cannot"
            + " be kept private. Give the secret to the step as an environment variable instead"
            + " (a secret reference in a key the step reads from its own session, e.g."
            + " \"spark.hadoop.fs.s3a.secret.key\", or in the artifact store's authentication_secret), or set"
            + " this key to a value that is not secret");
  }

  /** Why a secret Spark key cannot be sent to this master and deploy mode; empty when it can. */
  public static Optional<String> noChannel(SparkMaster master, DeployMode mode, List<SparkConfEntry> secrets) {
    if (secrets.isEmpty() || mode == DeployMode.CLIENT || master.kind() == SparkMaster.Kind.KUBERNETES
        || master.kind() == SparkMaster.Kind.LOCAL) {
      return Optional.empty();
    }
    String keys = secrets.stream().map(SparkConfEntry::key).collect(Collectors.joining(", "));
    return Optional.of("Spark key" + (secrets.size() > 1 ? "s " : " ") + keys + " ha" + (secrets.size() > 1 ? "ve" : "s")
        + " a value from a secret, but in cluster deploy mode on " + master.kind().name().toLowerCase()
        + " the cluster starts the driver with every Spark key on its command line (-D...), readable by"
        + " any user of that machine; use deploy mode 'client' (`--deploy_mode=client`, or"
        + " @SparkStepOperatorSettings(deployMode = \"client\")), where the driver gets secrets through its"
        + " environment, or run on Kubernetes, where they travel in a Kubernetes secret");
  }

  /** The driver's environment entry carrying {@code submission}'s secret keys; empty when it has none. */
  public static Map<String, String> environment(SparkSubmission submission) {
    List<SparkConfEntry> secrets = submission.secretConf();
    if (secrets.isEmpty()) {
      return Map.of();
    }
    Properties properties = new Properties();
    secrets.forEach(entry -> properties.setProperty(entry.key(), entry.value()));
    StringWriter text = new StringWriter();
    try {
      properties.store(text, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Map.of(ENVIRONMENT_VARIABLE, text.toString());
  }

  /** {@code current} (Spark's default if none) extended to match {@code secretKeys} exactly, so Spark masks them too. */
  public static String redactionRegex(Optional<String> current, List<String> secretKeys) {
    String base = current.filter(s -> !s.isBlank()).orElse(SPARK_DEFAULT_REDACTION);
    StringBuilder regex = new StringBuilder(base);
    for (String key : secretKeys) {
      // Spark matches the regex against keys with find(): the quoted key matches it wherever it stands
      regex.append('|').append(Pattern.quote(key));
    }
    return regex.toString();
  }
}

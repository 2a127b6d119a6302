package dev.stepwise.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything one {@code spark-submit} of a step is made of, before anything is launched: the
 * master, deploy mode, app name, main class, app resource, {@code --jars}, app args, and the Spark
 * keys in the order the layers set them, each with its source. Secret keys never reach argv: they
 * go to the driver's environment ({@link SecretSparkConf}). {@code driverClassPath} is the step's
 * jars for a client-mode driver of Stepwise's embedded Spark home: they go after the home's own jars
 * on the driver's class path ({@code SPARK_DIST_CLASSPATH}), so the class path starts the same for
 * every step and the home's class-data archive ({@link SparkClassArchive}) maps.
 */
public record SparkSubmission(
    SparkMaster master,
    DeployMode deployMode,
    String appName,
    String mainClass,
    String appResource,
    List<String> jars,
    List<String> appArgs,
    List<SparkConfEntry> conf,
    List<String> warnings,
    List<String> driverClassPath) {

  public SparkSubmission {
    Objects.requireNonNull(master, "master");
    Objects.requireNonNull(deployMode, "deployMode");
    Objects.requireNonNull(appName, "appName");
    Objects.requireNonNull(mainClass, "mainClass");
    Objects.requireNonNull(appResource, "appResource");
    jars = List.copyOf(jars);
    appArgs = List.copyOf(appArgs);
    conf = List.copyOf(conf);
    warnings = List.copyOf(warnings);
    driverClassPath = List.copyOf(driverClassPath);
  }

  /** A submission whose driver gets no jars after the Spark home's own. */
  public SparkSubmission(SparkMaster master, DeployMode deployMode, String appName, String mainClass,
      String appResource, List<String> jars, List<String> appArgs, List<SparkConfEntry> conf, List<String> warnings) {
    this(master, deployMode, appName, mainClass, appResource, jars, appArgs, conf, warnings, List.of());
  }

  public Optional<SparkConfEntry> entry(String key) {
    return conf.stream().filter(e -> e.key().equals(key)).findFirst();
  }

  public Optional<String> value(String key) {
    return entry(key).map(SparkConfEntry::value);
  }

  public List<SparkConfEntry> publicConf() {
    return conf.stream().filter(e -> !e.secret()).toList();
  }

  public List<SparkConfEntry> secretConf() {
    return conf.stream().filter(SparkConfEntry::secret).toList();
  }

  /**
   * The exact argv of {@code spark-submit} (first element {@code spark-submit}), in the order
   * SparkLauncher writes it; secret keys are not on it.
   */
  public List<String> toArgv() {
    return toArgv("spark-submit");
  }

  /** The argv with the real program path, as launched. */
  public List<String> toArgv(String sparkSubmit) {
    List<String> argv = new ArrayList<>();
    argv.add(sparkSubmit);
    argv.add("--master");
    argv.add(master.url());
    argv.add("--deploy-mode");
    argv.add(deployMode.id());
    argv.add("--name");
    argv.add(appName);
    for (SparkConfEntry entry : publicConf()) {
      argv.add("--conf");
      argv.add(entry.key() + "=" + entry.value());
    }
    if (!jars.isEmpty()) {
      argv.add("--jars");
      argv.add(String.join(",", jars));
    }
    argv.add("--class");
    argv.add(mainClass);
    argv.add(appResource);
    argv.addAll(appArgs);
    return List.copyOf(argv);
  }
}

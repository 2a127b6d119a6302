package dev.stepwise.spark;

import dev.stepwise.flavor.SecretValues;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Builds a step's {@link SparkSubmission} in ZenML's four layers (resources, backend, io,
 * additional) plus Stepwise's labels first and run-time overrides last. Pure apart from the GPU
 * discovery script, so {@code stepwise step explain} shows exactly what a launch would use.
 */
public final class SparkSubmissionPlanner {
  private final SparkStepOperatorConfig config;
  private final SparkConfLayer resources;
  private final SparkConfLayer backend;
  private final SparkConfLayer io;
  private final SparkConfLayer additional;
  private final SecretValues secrets;
  private boolean driverJarsAfterHome;

  public SparkSubmissionPlanner(
      SparkStepOperatorConfig config, SparkConfLayer backend, SparkConfLayer io, Supplier<Path> gpuDiscoveryScript) {
    this(config, backend, io, gpuDiscoveryScript, SecretValues.NONE);
  }

  /** {@code secrets}: which config values came from secrets, and how run-time references are resolved. */
  public SparkSubmissionPlanner(SparkStepOperatorConfig config, SparkConfLayer backend, SparkConfLayer io,
      Supplier<Path> gpuDiscoveryScript, SecretValues secrets) {
    this.config = Objects.requireNonNull(config, "config");
    this.secrets = Objects.requireNonNull(secrets, "secrets");
    this.additional = new AdditionalConfiguration(secrets);
    this.resources = new ResourceConfiguration(gpuDiscoveryScript);
    this.backend = Objects.requireNonNull(backend, "backend");
    this.io = Objects.requireNonNull(io, "io");
  }

  /** The default layers for the master's family: standalone waits for cluster-mode drivers. */
  public static SparkSubmissionPlanner forConfig(SparkStepOperatorConfig config, Supplier<Path> gpuDiscoveryScript) {
    return forConfig(config, SparkConfLayer.NONE, gpuDiscoveryScript);
  }

  /** As {@link #forConfig(SparkStepOperatorConfig, Supplier)} with the run's artifact store's io layer. */
  public static SparkSubmissionPlanner forConfig(
      SparkStepOperatorConfig config, SparkConfLayer io, Supplier<Path> gpuDiscoveryScript) {
    return forConfig(config, io, gpuDiscoveryScript, SecretValues.NONE);
  }

  /** As above, knowing which config values came from secrets. */
  public static SparkSubmissionPlanner forConfig(
      SparkStepOperatorConfig config, SparkConfLayer io, Supplier<Path> gpuDiscoveryScript, SecretValues secrets) {
    SparkConfLayer backend = SparkConfLayer.NONE;
    if (config.parsedMaster().kind() == SparkMaster.Kind.STANDALONE) {
      backend = new StandaloneBackend();
    }
    return new SparkSubmissionPlanner(config, backend, io, gpuDiscoveryScript, secrets);
  }

  /**
   * For Stepwise's embedded Spark home: a client-mode driver gets the step's jars after the home's
   * own ({@link SparkSubmission#driverClassPath}) instead of first through
   * {@code spark.driver.extraClassPath}, as Spark's own loader orders {@code --jars}.
   */
  public SparkSubmissionPlanner withDriverJarsAfterSparkHome() {
    driverJarsAfterHome = true;
    return this;
  }

  /** Plans the submission or throws {@link IllegalArgumentException} naming the bad setting and its fix. */
  public SparkSubmission plan(SparkStepRequest request, String mainClass) {
    List<String> problems = config.problems();
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    SparkMaster master = config.parsedMaster();
    DeployMode mode = deployMode(request, master);

    if (secrets.isSecret(master.url())) {
      throw new IllegalArgumentException("the master URL comes from a secret, but spark-submit has it on its command"
          + " line; set --master to a value that is not secret (credentials for the cluster belong in its own config)");
    }
    SparkConfBuilder conf = new SparkConfBuilder(secrets);
    conf.set("spark.stepwise.pipeline", request.pipelineName(), ConfSource.STEPWISE);
    conf.set("spark.stepwise.step", request.step().name(), ConfSource.STEPWISE);
    conf.set("spark.stepwise.run-id", request.runId(), ConfSource.STEPWISE);
    List<String> driverClassPath = List.of();
    if (mode == DeployMode.CLIENT && !request.jars().isEmpty() && driverJarsAfterHome) {
      driverClassPath = request.jars();
    } else if (mode == DeployMode.CLIENT && !request.jars().isEmpty()) {
      // Spark's own libraries among them (spark-mllib) deserialize their classes with the JVM's
      // application class loader, which never sees --jars: put them on the driver's class path too
      conf.set("spark.driver.extraClassPath",
          String.join(java.io.File.pathSeparator, request.jars()), ConfSource.STEPWISE);
    }
    resources.apply(request, config, conf);
    backend.apply(request, config, conf);
    io.apply(request, config, conf);
    additional.apply(request, config, conf);
    for (Map.Entry<String, String> override : request.runOverrides().entrySet()) {
      SparkStepOperatorConfig.submitKeyProblem(override.getKey(), "run override").ifPresent(problem -> {
        throw new IllegalArgumentException(problem);
      });
      // a {{name.key}} in --conf is resolved here, never earlier, and its key is secret from then on
      conf.set(override.getKey(), secrets.resolve(override.getValue(), "run override '" + override.getKey() + "'"),
          ConfSource.RUN_OVERRIDE);
    }
    if (master.kind() == SparkMaster.Kind.STANDALONE && mode == DeployMode.CLUSTER) {
      StandaloneBackend.addDriverModuleOptions(conf);
    }
    protectSecrets(conf, master, mode);
    if (master.kind() == SparkMaster.Kind.LOCAL) {
      // the step's cores (or a --conf spark.master=local[N]) choose the local master's threads
      Optional<SparkConfEntry> threads = conf.get(ResourceConfiguration.LOCAL_MASTER_KEY);
      if (threads.isPresent()) {
        SparkMaster chosen = SparkMaster.parse(threads.get().value());
        if (chosen.kind() != SparkMaster.Kind.LOCAL) {
          throw new IllegalArgumentException(ResourceConfiguration.LOCAL_MASTER_KEY + " = '" + chosen.url()
              + "' from " + threads.get().source() + " moves the step off the stack's local master; change the"
              + " step operator's master instead");
        }
        master = chosen;
      }
    }
    return new SparkSubmission(
        master,
        mode,
        SparkAppName.of(request.pipelineName(), request.step().name(), request.runId()),
        mainClass,
        request.appResource(),
        // a local master runs its executor inside the driver, which has them on its class path
        // already: shipping them too would copy every jar into the executor's work dir per run
        master.kind() == SparkMaster.Kind.LOCAL ? List.of() : request.jars(),
        request.appArgs(),
        conf.entries(),
        conf.warnings(),
        driverClassPath);
  }

  /**
   * Refuses secret keys that have no private channel on this backend, before anything is launched,
   * and extends Spark's redaction regex with the secret keys so its UI and event logs mask them.
   */
  private static void protectSecrets(SparkConfBuilder conf, SparkMaster master, DeployMode mode) {
    List<SparkConfEntry> secretEntries = conf.entries().stream().filter(SparkConfEntry::secret).toList();
    if (secretEntries.isEmpty()) {
      return;
    }
    for (SparkConfEntry entry : secretEntries) {
      SecretSparkConf.noChannel(entry.key()).ifPresent(problem -> {
        throw new IllegalArgumentException(problem);
      });
    }
    SecretSparkConf.noChannel(master, mode, secretEntries).ifPresent(problem -> {
      throw new IllegalArgumentException(problem);
    });
    Optional<SparkConfEntry> current = conf.get(SecretSparkConf.REDACTION_REGEX);
    conf.extend(SecretSparkConf.REDACTION_REGEX,
        SecretSparkConf.redactionRegex(current.map(SparkConfEntry::value),
            secretEntries.stream().map(SparkConfEntry::key).toList()),
        current.map(SparkConfEntry::source).orElse(ConfSource.STEPWISE));
  }

  private DeployMode deployMode(SparkStepRequest request, SparkMaster master) {
    Optional<String> stepMode = request.step().sparkSettings()
        .map(s -> s.deployMode().trim()).filter(s -> !s.isEmpty());
    if (stepMode.isEmpty()) {
      return config.parsedDeployMode();
    }
    DeployMode mode = DeployMode.parse(stepMode.get()).orElseThrow(() -> new IllegalArgumentException(
        "@SparkStepOperatorSettings(deployMode = \"" + stepMode.get() + "\") of step '"
            + request.step().name() + "' is not valid; use \"client\" or \"cluster\""));
    List<String> problems = SparkStepOperatorConfig.deployModeProblems(
        Optional.of(master), mode, "@SparkStepOperatorSettings deployMode of step '" + request.step().name() + "'");
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(problems.get(0));
    }
    return mode;
  }
}

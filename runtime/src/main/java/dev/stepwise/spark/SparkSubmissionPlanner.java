package dev.stepwise.spark;

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
  private final SparkConfLayer additional = new AdditionalConfiguration();

  public SparkSubmissionPlanner(
      SparkStepOperatorConfig config, SparkConfLayer backend, SparkConfLayer io, Supplier<Path> gpuDiscoveryScript) {
    this.config = Objects.requireNonNull(config, "config");
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
    SparkConfLayer backend = SparkConfLayer.NONE;
    if (config.parsedMaster().kind() == SparkMaster.Kind.STANDALONE) {
      backend = new StandaloneBackend();
    }
    return new SparkSubmissionPlanner(config, backend, io, gpuDiscoveryScript);
  }

  /** Plans the submission or throws {@link IllegalArgumentException} naming the bad setting and its fix. */
  public SparkSubmission plan(SparkStepRequest request, String mainClass) {
    List<String> problems = config.problems();
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    SparkMaster master = config.parsedMaster();
    DeployMode mode = deployMode(request, master);

    SparkConfBuilder conf = new SparkConfBuilder();
    conf.set("spark.stepwise.pipeline", request.pipelineName(), ConfSource.STEPWISE);
    conf.set("spark.stepwise.step", request.step().name(), ConfSource.STEPWISE);
    conf.set("spark.stepwise.run-id", request.runId(), ConfSource.STEPWISE);
    if (mode == DeployMode.CLIENT && !request.jars().isEmpty()) {
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
      conf.set(override.getKey(), override.getValue(), ConfSource.RUN_OVERRIDE);
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
        conf.warnings());
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

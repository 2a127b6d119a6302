package dev.stepwise.spark;

import dev.stepwise.artifact.ArtifactStore;
import dev.stepwise.flavor.SecretValues;
import dev.stepwise.operator.EntrypointCommand;
import dev.stepwise.operator.StepLaunch;
import dev.stepwise.operator.StepLaunchException;
import dev.stepwise.operator.StepOperator;
import dev.stepwise.operator.StepRunInfo;
import dev.stepwise.step.StepMetadata;
import dev.stepwise.support.JsonCodec;
import dev.stepwise.support.StepwiseCacheDir;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code spark} step operator: runs each step as its own Spark application through a child
 * {@code spark-submit} (the embedded Spark home by default), with its keys planned in ZenML's
 * layers and recorded with their sources next to the step's spec ({@code spark-launch.json}).
 */
public final class SparkStepOperator implements StepOperator, SparkExplainable {
  private static final Logger LOG = LoggerFactory.getLogger(SparkStepOperator.class);
  /** The launch record, written beside the step's {@code spec.json}. */
  public static final String LAUNCH_RECORD = "spark-launch.json";

  private final String name;
  private final SparkStepOperatorConfig config;
  private final StepwiseCacheDir cache;
  private final Map<String, String> environment;
  private final SecretValues secrets;

  public SparkStepOperator(String name, SparkStepOperatorConfig config, StepwiseCacheDir cache, Map<String, String> environment) {
    this(name, config, cache, environment, SecretValues.NONE);
  }

  /** {@code secrets}: which of {@code config}'s values came from secrets (they never reach argv or a record). */
  public SparkStepOperator(String name, SparkStepOperatorConfig config, StepwiseCacheDir cache,
      Map<String, String> environment, SecretValues secrets) {
    this.name = name;
    this.config = config;
    this.cache = cache;
    this.environment = Map.copyOf(environment);
    this.secrets = java.util.Objects.requireNonNull(secrets, "secrets");
  }

  @Override
  public Map<String, String> resultSettings() {
    return config.submitKwargs();
  }

  public SparkStepOperator(String name, SparkStepOperatorConfig config) {
    this(name, config, SecretValues.NONE);
  }

  public SparkStepOperator(String name, SparkStepOperatorConfig config, SecretValues secrets) {
    this(name, config, StepwiseCacheDir.standard(), System.getenv(), secrets);
  }

  @Override
  public String name() {
    return name;
  }

  public SparkStepOperatorConfig config() {
    return config;
  }

  /** The Spark home launches use: {@code spark_home}, else {@code SPARK_HOME}, else the embedded one. */
  public Path sparkHome() {
    return SparkHomes.select(config, environment, cache);
  }

  /**
   * Plans the submission of one step without launching anything (what {@code step explain} prints
   * and what {@link #launch} submits).
   */
  public SparkSubmission plan(String pipelineName, String runId, StepMetadata step, EntrypointCommand command,
      Map<String, String> runOverrides) {
    return plan(pipelineName, runId, step, command, runOverrides, ArtifactStoreIo.NONE);
  }

  /** As above, with the io layer of the run's artifact store ({@link ArtifactStoreIo#forStore}). */
  public SparkSubmission plan(String pipelineName, String runId, StepMetadata step, EntrypointCommand command,
      Map<String, String> runOverrides, ArtifactStoreIo io) {
    Path home = sparkHome();
    StepApplication app = StepApplication.of(command.mainClass(), command.classpath(), home, cache);
    SparkStepRequest request = new SparkStepRequest(pipelineName, runId, step, app.appResource(), app.jars(),
        command.args(), runOverrides);
    SparkSubmissionPlanner planner =
        SparkSubmissionPlanner.forConfig(config, io, () -> SparkHomes.gpuDiscoveryScript(cache), secrets);
    if (EmbeddedSparkHome.isEmbedded(home)) {
      planner.withDriverJarsAfterSparkHome();
    }
    return planner.plan(request, command.mainClass());
  }

  /** What {@code step explain} shows where a run's id goes: none exists before a run. */
  public static final String RUN_ID_PLACEHOLDER = "<run-id>";
  /** What {@code step explain} shows where the stack's artifact store root goes in the spec URI. */
  public static final String ARTIFACT_STORE_PLACEHOLDER = "<artifact-store>";

  /** The spec URI {@code step explain} shows: the run's layout with placeholders for store and run id. */
  public static String explainSpecUri(String invocationId) {
    return ARTIFACT_STORE_PLACEHOLDER + "/runs/" + RUN_ID_PLACEHOLDER + "/steps/" + invocationId + "/spec.json";
  }

  /**
   * The submission {@code stepwise step explain} prints: the step's plan in pipeline
   * {@code pipelineName} with the run's Spark overrides, and placeholders for the run id and spec URI.
   */
  public SparkSubmission explain(StepMetadata step, List<String> classpath, String pipelineName,
      Map<String, String> runOverrides) {
    return explain(step, classpath, pipelineName, runOverrides, ArtifactStoreIo.NONE);
  }

  /** As above, with the io keys {@code store} adds (its credentials stay out of the submission). */
  @Override
  public SparkSubmission explain(StepMetadata step, List<String> classpath, String pipelineName,
      Map<String, String> runOverrides, ArtifactStore store) {
    return withClusterWarnings(explain(step, classpath, pipelineName, runOverrides, ArtifactStoreIo.forStore(store)));
  }

  /**
   * The plan with a warning when a reachable standalone master has no alive worker that could ever
   * hold the request (it would wait for resources until {@code pending_timeout}); an unreachable
   * master adds nothing, since explain must work offline.
   */
  SparkSubmission withClusterWarnings(SparkSubmission submission) {
    if (submission.master().kind() != SparkMaster.Kind.STANDALONE) {
      return submission;
    }
    StandaloneMasterApi api = StandaloneMasterApi.of(submission.master(), config.masterWebUiUrl(), config.masterRestUrl());
    Optional<String> problem;
    try {
      problem = StandaloneRequest.of(submission).neverFits(api.state().aliveWorkers());
    } catch (java.io.IOException | RuntimeException unreachable) {
      return submission;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return submission;
    }
    if (problem.isEmpty()) {
      return submission;
    }
    List<String> warnings = new java.util.ArrayList<>(submission.warnings());
    warnings.add(problem.get() + " at " + api.webUi() + ", so it would wait until pending_timeout ("
        + dev.stepwise.support.DurationText.of(config.pendingTimeoutDuration()) + ") and fail; lower"
        + " spark.driver.cores/spark.driver.memory or spark.executor.cores/spark.executor.memory, or add larger workers");
    return new SparkSubmission(submission.master(), submission.deployMode(), submission.appName(), submission.mainClass(),
        submission.appResource(), submission.jars(), submission.appArgs(), submission.conf(), warnings,
        submission.driverClassPath());
  }

  /** {@link #explain(StepMetadata, List, String, Map)} with the step's name as pipeline name, no overrides. */
  public SparkSubmission explain(StepMetadata step, List<String> classpath) {
    return explain(step, classpath, step.name(), Map.of());
  }

  private SparkSubmission explain(StepMetadata step, List<String> classpath, String pipelineName,
      Map<String, String> runOverrides, ArtifactStoreIo io) {
    EntrypointCommand command = new EntrypointCommand(EntrypointCommand.currentJava(), List.of(), classpath,
        step.entrypointClass(), List.of("--spec", explainSpecUri(step.name())), Map.of());
    return plan(pipelineName, RUN_ID_PLACEHOLDER, step, command, runOverrides, io);
  }

  @Override
  public StepLaunch launch(StepRunInfo info, EntrypointCommand command) throws StepLaunchException {
    SparkSubmission submission;
    Path sparkHome;
    ArtifactStoreIo io;
    try {
      sparkHome = sparkHome();
      // the run's own store (not the active stack's): its keys go into the plan, its credentials
      // only into the child's environment below
      io = ArtifactStoreIo.forStore(info.artifactStore());
      submission = plan(info.pipelineName(), info.runId(), info.metadata(), command, info.sparkConf(), io);
      if (info.artifactStore().isLocal()) {
        // a step's own deployMode may move the driver off this machine, past the stack's validation
        LocalStoreReach.unreachableReason(submission.master(), submission.deployMode()).ifPresent(why -> {
          throw new IllegalArgumentException(why + ", so it cannot use the local artifact store at "
              + info.artifactStore().root() + "; use an S3 artifact store in this stack, or deploy mode 'client'");
        });
      }
    } catch (RuntimeException e) {
      throw new StepLaunchException("step '" + info.invocationId() + "' cannot run on Spark step operator '"
          + name + "': " + secrets.mask(e.getMessage()), e);
    }
    Map<String, String> childEnvironment = new HashMap<>(command.environment());
    childEnvironment.putAll(io.environment());
    // in client mode spark-submit's own JVM is the driver: its entrypoint reads them from there
    childEnvironment.putAll(SecretSparkConf.environment(submission));
    // SparkLauncher.setJavaHome does not reach the child; JAVA_HOME in its environment does.
    Path javaHome = command.javaExecutable().toAbsolutePath().getParent().getParent();
    childEnvironment.putIfAbsent("JAVA_HOME", javaHome.toString());
    childEnvironment.putIfAbsent("SPARK_SCALA_VERSION", "2.13");
    if (submission.master().kind() == SparkMaster.Kind.LOCAL && System.getenv("SPARK_LOCAL_IP") == null) {
      // a local master serves only this machine: bind to loopback rather than guess an interface
      childEnvironment.putIfAbsent("SPARK_LOCAL_IP", "127.0.0.1");
    }
    if (submission.entry("spark.driver.extraClassPath").isEmpty()) {
      // (jars before the home's own would keep the archive from mapping)
      SparkClassArchive.addTo(childEnvironment, sparkHome, javaHome, cache, environment);
    }
    URI recordUri = info.specUri().resolve(LAUNCH_RECORD);
    if (info.reattach()) {
      Optional<StepLaunch> followed = StandaloneDriverFollow.reattach(info, recordUri);
      if (followed.isPresent()) {
        return followed.get();
      }
    }
    SparkStepLaunch launch = SparkSubmitter.submit(submission, sparkHome, childEnvironment,
        MaskedStepLog.of(info.log(), submission, secrets),
        config.timeoutDuration(), cache.path().resolve("scratch"),
        (ended, outcome) -> writeRecord(info.artifactStore(), recordUri, ended.record().forAttempt(info.attempt())),
        submission.master().kind() == SparkMaster.Kind.STANDALONE
            ? Optional.of(StandaloneMasterApi.of(submission.master(), config.masterWebUiUrl(), config.masterRestUrl()))
            : Optional.empty(),
        config.pendingTimeoutDuration());
    writeRecord(info.artifactStore(), recordUri, launch.record().forAttempt(info.attempt()));
    // a cluster-mode driver outlives this JVM: its id is recorded the moment the master accepts it
    launch.whenDriverSubmitted(() -> writeRecord(info.artifactStore(), recordUri,
        launch.record().forAttempt(info.attempt())));
    return launch;
  }

  private static void writeRecord(ArtifactStore store, URI uri, SparkLaunchRecord record) {
    try {
      store.write(uri, JsonCodec.mapper().writeValueAsBytes(record));
    } catch (IOException e) {
      LOG.warn("Could not write the Spark launch record {}: {}", uri, e.getMessage());
    }
  }
}

package dev.stepwise.kubernetes;

import dev.stepwise.artifact.ArtifactStore;
import dev.stepwise.flavor.ComponentType;
import dev.stepwise.flavor.SecretValues;
import dev.stepwise.image.BuiltImage;
import dev.stepwise.image.ContainerRegistry;
import dev.stepwise.image.ImageBuildException;
import dev.stepwise.image.ImageInputs;
import dev.stepwise.image.ImageLayout;
import dev.stepwise.image.StackImageBuilder;
import dev.stepwise.operator.EntrypointCommand;
import dev.stepwise.operator.StepLaunch;
import dev.stepwise.operator.StepLaunchException;
import dev.stepwise.operator.StepLog;
import dev.stepwise.operator.StepOperator;
import dev.stepwise.operator.StepRunInfo;
import dev.stepwise.secret.Secret;
import dev.stepwise.spark.ArtifactStoreIo;
import dev.stepwise.spark.MaskedStepLog;
import dev.stepwise.spark.SecretSparkConf;
import dev.stepwise.spark.SparkConfLayer;
import dev.stepwise.spark.SparkExplainable;
import dev.stepwise.spark.SparkClassArchive;
import dev.stepwise.spark.SparkHomes;
import dev.stepwise.spark.SparkOutcome;
import dev.stepwise.spark.SparkStepLaunch;
import dev.stepwise.spark.SparkStepOperator;
import dev.stepwise.spark.SparkStepRequest;
import dev.stepwise.spark.SparkSubmission;
import dev.stepwise.spark.SparkSubmissionPlanner;
import dev.stepwise.spark.SparkSubmitter;
import dev.stepwise.stack.ResolvedStack;
import dev.stepwise.step.StepMetadata;
import dev.stepwise.support.JsonCodec;
import dev.stepwise.support.Sha256;
import dev.stepwise.support.StepwiseCacheDir;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code spark-kubernetes} step operator: builds (or finds) the step's image, submits it in
 * cluster mode through the Spark home's {@code spark-submit} without waiting, records
 * {@code namespace:pod}, and follows the driver pod through the API. A launch whose pod already
 * exists (a restarted orchestrator) reattaches instead of submitting again.
 */
public final class KubernetesSparkStepOperator implements StepOperator, SparkExplainable {
  private static final Logger LOG = LoggerFactory.getLogger(KubernetesSparkStepOperator.class);
  private static final Duration SUBMIT_TIMEOUT = Duration.ofMinutes(5);

  private final String name;
  private final KubernetesStepOperatorConfig config;
  private final StepwiseCacheDir cache;
  private final Map<String, String> environment;
  private final Function<String, Optional<Secret>> secrets;
  private final Function<KubernetesStepOperatorConfig, KubernetesClient> clients;
  private final Path mavenRepository;
  private final SecretValues secretValues;

  public KubernetesSparkStepOperator(String name, KubernetesStepOperatorConfig config, StepwiseCacheDir cache,
      Map<String, String> environment, Function<String, Optional<Secret>> secrets,
      Function<KubernetesStepOperatorConfig, KubernetesClient> clients, Path mavenRepository) {
    this(name, config, cache, environment, secrets, clients, mavenRepository, SecretValues.NONE);
  }

  /** {@code secretValues}: which of {@code config}'s values came from secrets (they travel in a Kubernetes secret). */
  public KubernetesSparkStepOperator(String name, KubernetesStepOperatorConfig config, StepwiseCacheDir cache,
      Map<String, String> environment, Function<String, Optional<Secret>> secrets,
      Function<KubernetesStepOperatorConfig, KubernetesClient> clients, Path mavenRepository,
      SecretValues secretValues) {
    this.secretValues = java.util.Objects.requireNonNull(secretValues, "secretValues");
    this.name = name;
    this.config = config;
    this.cache = cache;
    this.environment = Map.copyOf(environment);
    this.secrets = secrets;
    this.clients = clients;
    this.mavenRepository = mavenRepository;
  }

  @Override
  public Map<String, String> resultSettings() {
    return config.submitKwargs();
  }

  @Override
  public String name() {
    return name;
  }

  public KubernetesStepOperatorConfig config() {
    return config;
  }

  /** The driver pod's name: fixed per run and step, so a second submission would find the first. */
  public static String driverPodName(String pipelineName, String runId, String invocationId) {
    return driverPodName(pipelineName, runId, invocationId, 1);
  }

  /**
   * The driver pod of attempt {@code attempt} ({@code @Step(retries)}): the first attempt's name as
   * above, later ones {@code -a<N>} before {@code -driver}, so each attempt has its own pod and a
   * failed one can be inspected; the readable part shrinks to keep the name within 63 characters.
   */
  public static String driverPodName(String pipelineName, String runId, String invocationId, int attempt) {
    String hash = Sha256.hex(runId + "/" + invocationId).substring(0, 10);
    String suffix = attempt <= 1 ? "" : "-a" + attempt;
    return KubernetesNames.dnsLabel(pipelineName + "-" + invocationId, 45 - suffix.length()) + "-" + hash + suffix
        + "-driver";
  }

  /**
   * The submission of one step with {@code image} (what {@code step explain} shows and
   * {@link #launch} submits): app resource the jar inside the image, its other jars as
   * {@code local://} paths, Kubernetes keys from {@link KubernetesBackend}.
   */
  public SparkSubmission plan(String pipelineName, String runId, String invocationId, StepMetadata step,
      EntrypointCommand command, String image, List<String> jarsInImage, SparkConfLayer io) {
    return plan(pipelineName, runId, invocationId, step, command, image, jarsInImage, io, Map.of());
  }

  /** As above, with the run's Spark overrides applied last. */
  public SparkSubmission plan(String pipelineName, String runId, String invocationId, StepMetadata step,
      EntrypointCommand command, String image, List<String> jarsInImage, SparkConfLayer io,
      Map<String, String> runOverrides) {
    return plan(pipelineName, runId, invocationId, step, command, image, jarsInImage, io, runOverrides, 1);
  }

  /** As above, for attempt {@code attempt} of the step, which gets its own driver pod. */
  public SparkSubmission plan(String pipelineName, String runId, String invocationId, StepMetadata step,
      EntrypointCommand command, String image, List<String> jarsInImage, SparkConfLayer io,
      Map<String, String> runOverrides, int attempt) {
    SparkStepRequest request = new SparkStepRequest(pipelineName, runId, step,
        ImageLayout.localUri(ImageLayout.APP_JAR), jarsInImage.stream().map(ImageLayout::localUri).toList(),
        command.args(), runOverrides);
    String podName = driverPodName(pipelineName, runId, invocationId, attempt);
    KubernetesBackend backend = new KubernetesBackend(config, image, podName, command.environment().keySet(),
        KubernetesBackend.environmentSecretName(podName));
    return new SparkSubmissionPlanner(config.sparkConfig(), backend, io,
        () -> Path.of(ImageLayout.GPU_DISCOVERY_SCRIPT), secretValues).plan(request, command.mainClass());
  }

  /**
   * What {@code stepwise step explain} shows, without building or launching anything: the
   * submission with a placeholder for the image (its content-hash tag is known only at launch)
   * and a run id placeholder; {@link PodPreview#of} turns it into the pods' sizes.
   */
  public SparkSubmission explain(StepMetadata step, List<String> classpath) {
    return explain(step, classpath, step.name(), Map.of(), SparkConfLayer.NONE);
  }

  @Override
  public SparkSubmission explain(StepMetadata step, List<String> classpath, String pipelineName,
      Map<String, String> runOverrides, ArtifactStore store) {
    return explain(step, classpath, pipelineName, runOverrides, ArtifactStoreIo.forStore(store));
  }

  private SparkSubmission explain(StepMetadata step, List<String> classpath, String pipelineName,
      Map<String, String> runOverrides, SparkConfLayer io) {
    EntrypointCommand command = new EntrypointCommand(EntrypointCommand.currentJava(), List.of(), classpath,
        step.entrypointClass(), List.of("--spec", SparkStepOperator.explainSpecUri(step.name())), Map.of());
    return plan(pipelineName, SparkStepOperator.RUN_ID_PLACEHOLDER, step.name(), step, command,
        "<registry>/stepwise/<pipeline>@<digest of the image built at launch>", List.of(), io, runOverrides);
  }

  @Override
  public List<String> preview(SparkSubmission submission, StepMetadata step, ResolvedStack stack) {
    StepParentImage parent = StepParentImage.of(step, stack.find(ComponentType.IMAGE_BUILDER, StackImageBuilder.class));
    List<String> lines = new ArrayList<>(PodPreview.of(submission).lines());
    lines.add(1, "parent image:    " + parent.reference() + " (" + parent.source() + ")");
    return List.copyOf(lines);
  }

  @Override
  public StepLaunch launch(StepRunInfo info, EntrypointCommand command) throws StepLaunchException {
    List<String> problems = config.problems();
    if (!problems.isEmpty()) {
      throw new StepLaunchException("step operator '" + name + "' is misconfigured: " + String.join("; ", problems));
    }
    KubernetesClient client = clients.apply(config);
    try {
      KubernetesStepLaunch launch = launch(info, command, client);
      launch.outcome().whenComplete((outcome, error) -> client.close());
      return launch;
    } catch (RuntimeException e) { // a StepLaunchException too
      client.close();
      throw e;
    }
  }

  private KubernetesStepLaunch launch(StepRunInfo info, EntrypointCommand command, KubernetesClient client)
      throws StepLaunchException {
    DriverPodRef pod = new DriverPodRef(config.namespace(),
        driverPodName(info.pipelineName(), info.runId(), info.invocationId(), info.attempt()));
    Optional<DriverPodRef> existing = existingPod(info, client, pod);
    if (existing.isPresent()) {
      info.log().line(StepLog.Stream.STDERR, "stepwise: reattaching to driver pod " + existing.get()
          + " submitted earlier; not submitting again");
      return KubernetesStepLaunch.start(existing.get(), true, info.log(),
          launch -> watcher(client, existing.get(), MaskedStepLog.of(info.log(), secretValues)));
    }
    if (info.artifactStore().isLocal()) {
      throw new StepLaunchException("step '" + info.invocationId() + "' runs in a driver pod, which cannot read the "
          + "local artifact store " + info.artifactStore().root() + "; use a remote artifact store (s3) in this stack");
    }
    StackImageBuilder builder = info.stack().find(ComponentType.IMAGE_BUILDER, StackImageBuilder.class)
        .orElseThrow(() -> new StepLaunchException("stack '" + info.stack().name() + "' has no image builder; add one "
            + "with `stepwise image-builder register jib --flavor=local` and `stepwise stack update -i jib`"));
    ContainerRegistry registry = info.stack().find(ComponentType.CONTAINER_REGISTRY, ContainerRegistry.class)
        .orElseThrow(() -> new StepLaunchException("stack '" + info.stack().name() + "' has no container registry; "
            + "register one with `stepwise container-registry register NAME --flavor=default --uri=HOST[:PORT]/PATH`"));
    ArtifactStoreIo ioLayer = ArtifactStoreIo.forStore(info.artifactStore());
    Map<String, String> stepEnvironment = new HashMap<>(command.environment());
    stepEnvironment.putAll(ioLayer.environment());
    EntrypointCommand inPod;
    try {
      // every setting is checked now, before anything is built or submitted
      SparkSubmission checked = plan(info.pipelineName(), info.runId(), info.invocationId(), info.metadata(),
          withEnvironment(command, stepEnvironment), "<image>", List.of(), ioLayer, info.sparkConf(), info.attempt());
      // secret Spark keys reach the driver pod in the step's Kubernetes secret, never its ConfigMap
      stepEnvironment.putAll(SecretSparkConf.environment(checked));
      inPod = withEnvironment(command, stepEnvironment);
    } catch (RuntimeException e) {
      throw new StepLaunchException("step '" + info.invocationId() + "' cannot run on step operator '" + name + "': "
          + secretValues.mask(e.getMessage()), e);
    }
    return KubernetesStepLaunch.start(pod, false, info.log(), launch -> {
      BuiltImage image = buildImage(info, command, builder, registry);
      SparkSubmission submission = plan(info.pipelineName(), info.runId(), info.invocationId(), info.metadata(),
          inPod, image.referenceWithDigest(), image.jarsInImage(), ioLayer, info.sparkConf(), info.attempt());
      StepEnvironmentSecret environmentSecret = new StepEnvironmentSecret(client, pod);
      try {
        environmentSecret.write(stepEnvironment);
      } catch (RuntimeException e) {
        throw new StepLaunchException("could not store the environment of step '" + info.invocationId()
            + "' as Kubernetes secret in namespace " + pod.namespace() + ": " + e.getMessage()
            + "; the account of your kube config needs create and update on secrets there", e);
      }
      if (launch.cancelled()) {
        throw new StepLaunchException("cancelled before submission");
      }
      submit(submission, command, info, client, pod, launch);
      environmentSecret.ownedByPod();
      writeRecord(info.artifactStore(), info.specUri().resolve(KubernetesLaunchRecord.FILE_NAME),
          new KubernetesLaunchRecord(pod.text(), config.master(), image.referenceWithDigest(), Instant.now(),
              config.kubernetesContext()));
      return watcher(client, pod, MaskedStepLog.of(info.log(), submission, secretValues));
    });
  }

  private static EntrypointCommand withEnvironment(EntrypointCommand command, Map<String, String> environment) {
    return new EntrypointCommand(command.javaExecutable(), command.jvmOptions(), List.of(), command.mainClass(),
        command.args(), environment);
  }

  private BuiltImage buildImage(StepRunInfo info, EntrypointCommand command, StackImageBuilder builder,
      ContainerRegistry registry) throws StepLaunchException {
    ImageClasspath classpath = ImageClasspath.of(command.classpath(), mavenRepository);
    StepParentImage parent = StepParentImage.of(info.metadata(), Optional.of(builder));
    try {
      ImageInputs inputs = ImageInputs.of("stepwise/" + KubernetesNames.dnsLabel(info.pipelineName(), 60),
          parent.reference(), classpath.dependencyJars(), classpath.projectClasses(), Map.of());
      BuiltImage image = builder.builder().build(inputs, registry.target(secrets));
      info.log().line(StepLog.Stream.STDERR, secretValues.mask("stepwise: image " + image.referenceWithDigest() + " on "
          + parent.reference() + " (" + parent.source() + ")"
          + (image.built() ? " built and pushed (" + image.bytesUploaded() + " bytes uploaded)" : " already in the registry")));
      return image;
    } catch (ImageBuildException | IllegalArgumentException e) {
      throw new StepLaunchException("could not build the image of step '" + info.invocationId() + "': "
          + e.getMessage(), e);
    }
  }

  /** spark-submit returns once the pod exists (waitAppCompletion=false); its rc says nothing about the app. */
  private void submit(SparkSubmission submission, EntrypointCommand command, StepRunInfo info,
      KubernetesClient client, DriverPodRef pod, KubernetesStepLaunch launch) throws StepLaunchException {
    Path javaHome = command.javaExecutable().toAbsolutePath().getParent().getParent();
    Path sparkHome = SparkHomes.select(config.sparkConfig(), environment, cache);
    Map<String, String> childEnvironment = submitEnvironment(javaHome, sparkHome, cache, environment);
    SparkStepLaunch child = SparkSubmitter.submit(submission, sparkHome, childEnvironment,
        MaskedStepLog.of(info.log(), submission, secretValues),
        Optional.of(SUBMIT_TIMEOUT), cache.path().resolve("scratch"));
    launch.submitting(child);
    SparkOutcome outcome;
    try {
      outcome = child.awaitOutcome();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StepLaunchException("interrupted while submitting step '" + info.invocationId() + "'", e);
    }
    if (client.pods().inNamespace(pod.namespace()).withName(pod.podName()).get() == null) {
      throw new StepLaunchException("spark-submit did not create driver pod " + pod + " (exit code "
          + outcome.exitCode() + ": " + outcome.reason() + "); last lines:\n" + String.join("\n", outcome.lastLines()));
    }
  }

  /**
   * The environment of the spark-submit that creates a driver pod, on top of this process's
   * {@code environment}: the JVM, the Scala version of the embedded home, and, since the submission
   * client is a JVM of the Spark home too, the home's class-data archive.
   */
  public static Map<String, String> submitEnvironment(Path javaHome, Path sparkHome, StepwiseCacheDir cache,
      Map<String, String> environment) {
    Map<String, String> childEnvironment = new HashMap<>();
    childEnvironment.put("JAVA_HOME", javaHome.toString());
    childEnvironment.put("SPARK_SCALA_VERSION", "2.13");
    SparkClassArchive.addTo(childEnvironment, sparkHome, javaHome, cache, environment);
    return childEnvironment;
  }

  private Optional<DriverPodRef> existingPod(StepRunInfo info, KubernetesClient client, DriverPodRef expected) {
    // the record names the last attempt's pod: a later attempt has a pod of its own, never that one
    Optional<DriverPodRef> recorded = KubernetesLaunchRecord.read(info.artifactStore(), info.specUri())
        .map(KubernetesLaunchRecord::podRef).filter(r -> r.podName().equals(expected.podName()));
    for (DriverPodRef candidate : recorded.map(r -> List.of(r, expected)).orElse(List.of(expected))) {
      if (client.pods().inNamespace(candidate.namespace()).withName(candidate.podName()).get() != null) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private DriverPodWatcher watcher(KubernetesClient client, DriverPodRef pod, StepLog log) {
    DriverPodWatcher.Settings settings = new DriverPodWatcher.Settings(config.pendingTimeoutDuration(),
        config.timeoutDuration(), Duration.ofMillis(500), Duration.ofSeconds(60));
    return new DriverPodWatcher(client, pod, settings, line -> log.line(StepLog.Stream.STDOUT, line),
        state -> LOG.debug("driver pod {} is {}", pod, state));
  }

  private static void writeRecord(ArtifactStore store, URI uri, KubernetesLaunchRecord record) {
    try {
      store.write(uri, JsonCodec.mapper().writeValueAsBytes(record));
    } catch (IOException e) {
      LOG.warn("could not record driver pod {} at {}: {}", record.pod(), uri, e.getMessage());
    }
  }
}

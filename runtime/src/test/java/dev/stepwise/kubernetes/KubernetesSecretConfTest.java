package dev.stepwise.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.flavor.ComponentContext;
import dev.stepwise.flavor.ComponentModel;
import dev.stepwise.flavor.ComponentType;
import dev.stepwise.flavor.StackView;
import dev.stepwise.image.ContainerRegistry;
import dev.stepwise.image.ImageBuilder;
import dev.stepwise.image.LocalDockerRegistry;
import dev.stepwise.image.RegistryUri;
import dev.stepwise.image.StackImageBuilder;
import dev.stepwise.operator.EntrypointCommand;
import dev.stepwise.operator.StepLog;
import dev.stepwise.operator.StepRunInfo;
import dev.stepwise.s3.ProcessCommandLine;
import dev.stepwise.s3.S3ArtifactStore;
import dev.stepwise.s3.S3ArtifactStoreConfig;
import dev.stepwise.s3.S3ArtifactStoreFlavor;
import dev.stepwise.s3.S3Credentials;
import dev.stepwise.s3.S3TestServer;
import dev.stepwise.secret.SecretConfigValues;
import dev.stepwise.secret.SecretStore;
import dev.stepwise.spark.SecretSparkConf;
import dev.stepwise.stack.ResolvedStack;
import dev.stepwise.support.JsonCodec;
import dev.stepwise.support.StepwiseCacheDir;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10 on Kubernetes: a {{name.key}} in the spark-kubernetes operator's submit_kwargs reaches
 * the driver pod only through the step's Kubernetes secret (by secretKeyRef), never the driver's
 * ConfigMap, the pod spec, spark-submit's argv or the step log.
 */
class KubernetesSecretConfTest {

  @Test
  void aSecretSparkKeyTravelsInTheStepSecretNotTheConfigMap(@TempDir Path dir) throws Exception {
    Optional<Path> registryBinary = LocalDockerRegistry.executable();
    Assumptions.assumeTrue(registryBinary.isPresent(),
        "docker-registry is not installed (apt-get install -y docker-registry); Kubernetes secret test skipped");
    String value = "S3CR3T-" + UUID.randomUUID();
    try (LocalDockerRegistry registry = LocalDockerRegistry.start(registryBinary.get(), dir.resolve("registry"));
        MockKubernetes kube = new MockKubernetes();
        S3TestServer s3 = S3TestServer.start()) {
      s3.createBucket("artifacts");
      Path configDir = Files.createDirectories(dir.resolve("config"));
      SecretStore secrets = new SecretStore(configDir);
      secrets.create("s3_test", Map.of(S3Credentials.ACCESS_KEY_ID, S3TestServer.ACCESS_KEY,
          S3Credentials.SECRET_ACCESS_KEY, S3TestServer.SECRET_KEY));
      secrets.create("probe_secret", Map.of("token", value));
      S3ArtifactStore store = new S3ArtifactStoreFlavor().create("s3_store", new S3ArtifactStoreConfig(
          "s3://artifacts/stepwise", s3.endpoint().toString(), null, null, "s3_test"), new ComponentContext(configDir));
      StepwiseCacheDir cache = new StepwiseCacheDir(dir.resolve("cache"));
      StackImageBuilder builder = new StackImageBuilder("jib", new ImageBuilder(cache, dir.resolve("jib")), "scratch");
      ContainerRegistry containerRegistry = new ContainerRegistry("registry", RegistryUri.parse(registry.hostPort()),
          true, Optional.empty(), true);
      ResolvedStack stack = new ResolvedStack(new StackView("k8s_stack", Map.of(
          ComponentType.ARTIFACT_STORE, new ComponentModel("s3_store", ComponentType.ARTIFACT_STORE, "s3", Map.of()))),
          Map.of(ComponentType.ARTIFACT_STORE, store, ComponentType.IMAGE_BUILDER, builder,
              ComponentType.CONTAINER_REGISTRY, containerRegistry));

      // the operator as a run creates it: submit_kwargs resolved by the run's SecretConfigValues
      SecretConfigValues values = new SecretConfigValues(secrets);
      @SuppressWarnings("unchecked")
      Map<String, String> kwargs = (Map<String, String>) values.resolve("submit_kwargs",
          Map.of("spark.probe.token", "{{probe_secret.token}}", "spark.hadoop.fs.s3a.secret.key", "{{probe_secret.token}}"));
      KubernetesStepOperatorConfig base = KubernetesSubmissionTest.config(kube.sparkMaster());
      KubernetesStepOperatorConfig config = new KubernetesStepOperatorConfig(base.master(), base.deployMode(), kwargs,
          base.sparkHome(), base.timeout(), base.namespace(), base.serviceAccount(), base.kubernetesContext(),
          base.imagePullPolicy(), base.imagePullSecrets(), base.driverPodTemplate(), base.executorPodTemplate(),
          base.labels(), base.annotations(), base.nodeSelector(), base.pendingTimeout());
      KubernetesSparkStepOperator operator = new KubernetesSparkStepOperator("k8s", config, cache, Map.of(),
          secrets::find, c -> kube.server().createClient(), dir.resolve("m2"), values.secretValues());

      Path classes = dev.stepwise.image.ImageFixturesAccess.classesDir(dir.resolve("classes"));
      URI spec = store.resolve("runs/r1/trainModel/spec.json");
      EntrypointCommand command = new EntrypointCommand(EntrypointCommand.currentJava(), List.of(),
          List.of(classes.toString()), "com.acme.Training_TrainModelStepEntrypoint",
          List.of("--spec", spec.toString()), Map.of("STEPWISE_RUN", "r1"));
      List<String> log = new CopyOnWriteArrayList<>();
      StepRunInfo info = new StepRunInfo("r1", "Training", "trainModel", KubernetesSubmissionTest.gpuStep(), spec,
          store.resolve("runs/r1/trainModel/result.json"), stack, store, (StepLog.Stream s, String line) -> log.add(line));

      CommandLineSampler sampler = CommandLineSampler.start(value);
      KubernetesStepLaunch launch;
      String podName = KubernetesSparkStepOperator.driverPodName("Training", "r1", "trainModel");
      try {
        launch = (KubernetesStepLaunch) operator.launch(info, command);
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(120);
        while (KubernetesLaunchRecord.read(store, spec).isEmpty()) {
          assertTrue(System.nanoTime() < deadline && !launch.outcome().isDone(), "submitted: " + String.join("\n", log));
          Thread.sleep(50);
        }
      } finally {
        sampler.stop();
      }
      assertEquals(Optional.empty(), sampler.leak(), "the secret was on a command line");
      assertTrue(sampler.sawSparkSubmit(), "the sampler saw spark-submit run");

      // no ConfigMap (the driver's spark.properties included) and no pod spec holds the value
      String configMaps = JsonCodec.mapper().writeValueAsString(kube.client().configMaps().inAnyNamespace().list());
      assertTrue(configMaps.contains("spark.properties"), "the driver ConfigMap exists");
      assertFalse(configMaps.contains(value), "the secret is in a ConfigMap");
      assertTrue(configMaps.contains("spark.redaction.regex"), "Spark's redaction covers the secret keys");
      Pod pod = kube.client().pods().inNamespace("spark-jobs").withName(podName).get();
      assertFalse(JsonCodec.mapper().writeValueAsString(pod).contains(value), "the secret is in the pod spec");
      Container driver = pod.getSpec().getContainers().get(0);
      EnvVar carrier = driver.getEnv().stream()
          .filter(e -> e.getName().equals(SecretSparkConf.ENVIRONMENT_VARIABLE)).findFirst().orElseThrow();
      assertEquals(KubernetesBackend.environmentSecretName(podName), carrier.getValueFrom().getSecretKeyRef().getName());
      // ... and the step's secret carries it to the driver, where the session builder applies it
      Secret env = kube.client().secrets().inNamespace("spark-jobs")
          .withName(KubernetesBackend.environmentSecretName(podName)).get();
      String carried = env.getStringData() != null && env.getStringData().containsKey(SecretSparkConf.ENVIRONMENT_VARIABLE)
          ? env.getStringData().get(SecretSparkConf.ENVIRONMENT_VARIABLE)
          : new String(Base64.getDecoder().decode(env.getData().get(SecretSparkConf.ENVIRONMENT_VARIABLE)), StandardCharsets.UTF_8);
      assertEquals(Map.of("spark.probe.token", value, "spark.hadoop.fs.s3a.secret.key", value),
          dev.stepwise.step.SecretSessionConf.from(Map.of(SecretSparkConf.ENVIRONMENT_VARIABLE, carried)));
      assertFalse(String.join("\n", log).contains(value), "the secret is in the step log");
      launch.cancel(java.time.Duration.ofSeconds(5));
    }
  }

  /** Reads every process's argv over and over while a launch runs; remembers a leak by pid, never the value. */
  static final class CommandLineSampler {
    private final String value;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger sparkSubmits = new AtomicInteger();
    private volatile Optional<String> leak = Optional.empty();
    private final Thread thread;

    private CommandLineSampler(String value) {
      this.value = value;
      this.thread = new Thread(this::loop, "cmdline-sampler");
    }

    static CommandLineSampler start(String value) {
      CommandLineSampler sampler = new CommandLineSampler(value);
      sampler.thread.setDaemon(true);
      sampler.thread.start();
      return sampler;
    }

    private void loop() {
      while (running.get()) {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
          for (Path proc : procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
            String line;
            try {
              line = String.join(" ", ProcessCommandLine.argv(Long.parseLong(proc.getFileName().toString())));
            } catch (IOException gone) {
              continue;
            }
            if (line.contains("org.apache.spark.deploy.SparkSubmit")) {
              sparkSubmits.incrementAndGet();
            }
            if (line.contains(value)) {
              leak = Optional.of("pid " + proc.getFileName());
            }
          }
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      }
    }

    void stop() throws InterruptedException {
      running.set(false);
      thread.join();
    }

    Optional<String> leak() {
      return leak;
    }

    boolean sawSparkSubmit() {
      return sparkSubmits.get() > 0;
    }
  }
}

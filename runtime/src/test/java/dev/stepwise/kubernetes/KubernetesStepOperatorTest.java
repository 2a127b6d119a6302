package dev.stepwise.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.flavor.ComponentContext;
import dev.stepwise.flavor.ComponentModel;
import dev.stepwise.flavor.ComponentType;
import dev.stepwise.flavor.StackView;
import dev.stepwise.image.BuiltImage;
import dev.stepwise.image.ContainerRegistry;
import dev.stepwise.image.ImageBuilder;
import dev.stepwise.image.ImageInputs;
import dev.stepwise.image.LocalDockerRegistry;
import dev.stepwise.image.RegistryUri;
import dev.stepwise.image.StackImageBuilder;
import dev.stepwise.operator.EntrypointCommand;
import dev.stepwise.operator.InfrastructureFailure;
import dev.stepwise.operator.StepLog;
import dev.stepwise.operator.StepRunInfo;
import dev.stepwise.s3.S3ArtifactStore;
import dev.stepwise.s3.S3ArtifactStoreConfig;
import dev.stepwise.s3.S3ArtifactStoreFlavor;
import dev.stepwise.s3.S3Credentials;
import dev.stepwise.s3.S3TestServer;
import dev.stepwise.secret.SecretStore;
import dev.stepwise.stack.ResolvedStack;
import dev.stepwise.support.StepwiseCacheDir;
import dev.stepwise.testing.RealParts;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole launch path: Jib image pushed to docker-registry, submission through the embedded
 * Spark home to the API double, environment as a Kubernetes secret, the launch record in S3, and
 * a restarted orchestrator that reattaches to the same pod instead of submitting again.
 */
class KubernetesStepOperatorTest {

  @Test
  void launchesFromItsOwnImageAndReattachesAfterARestart(@TempDir Path dir) throws Exception {
    Path registryBinary = RealParts.require("docker-registry", LocalDockerRegistry.executable(),
        LocalDockerRegistry.INSTALL_HINT);
    try (LocalDockerRegistry registry = LocalDockerRegistry.start(registryBinary, dir.resolve("registry"));
        MockKubernetes kube = new MockKubernetes();
        S3TestServer s3 = S3TestServer.start()) {
      s3.createBucket("artifacts");
      Path configDir = Files.createDirectories(dir.resolve("config"));
      SecretStore secrets = new SecretStore(configDir);
      secrets.create("s3_test", Map.of(S3Credentials.ACCESS_KEY_ID, S3TestServer.ACCESS_KEY,
          S3Credentials.SECRET_ACCESS_KEY, S3TestServer.SECRET_KEY));
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

      Path m2 = dir.resolve("m2");
      Path dependency = dev.stepwise.image.ImageFixturesAccess.dependencyJar(m2.resolve("com/acme/dep/1.0"), "dep-1.0.jar");
      Path classes = dev.stepwise.image.ImageFixturesAccess.classesDir(dir.resolve("classes"));
      URI spec = store.resolve("runs/r1/trainModel/spec.json");
      EntrypointCommand command = new EntrypointCommand(EntrypointCommand.currentJava(), List.of(),
          List.of(classes.toString(), dependency.toString()), "com.acme.Training_TrainModelStepEntrypoint",
          List.of("--spec", spec.toString()), Map.of("STEPWISE_RUN", "r1"));
      List<String> log = new CopyOnWriteArrayList<>();
      StepRunInfo info = new StepRunInfo("r1", "Training", "trainModel", KubernetesSubmissionTest.gpuStep(), spec,
          store.resolve("runs/r1/trainModel/result.json"), stack, store, (StepLog.Stream s, String line) -> log.add(line));
      KubernetesStepOperatorConfig config = KubernetesSubmissionTest.config(kube.sparkMaster());

      KubernetesStepLaunch first = (KubernetesStepLaunch) operator(config, cache, secrets, kube, m2).launch(info, command);

      String podName = KubernetesSparkStepOperator.driverPodName("Training", "r1", "trainModel");
      awaitRecord(store, spec, first, log);
      assertEquals(List.of("spark-jobs:" + podName), kube.createdPods(), String.join("\n", log));
      assertFalse(first.reattached());
      Pod pod = kube.client().pods().inNamespace("spark-jobs").withName(podName).get();
      String image = pod.getSpec().getContainers().get(0).getImage();
      assertTrue(image.startsWith(registry.hostPort() + "/stepwise/training@sha256:"), image);
      Secret env = kube.client().secrets().inNamespace("spark-jobs")
          .withName(KubernetesBackend.environmentSecretName(podName)).get();
      assertEquals(List.of(podName), env.getMetadata().getOwnerReferences().stream().map(o -> o.getName()).toList());
      assertTrue(env.getData().containsKey("AWS_SECRET_ACCESS_KEY") || env.getStringData().containsKey("AWS_SECRET_ACCESS_KEY"),
          "the S3 credentials reach the pod through the secret");
      KubernetesLaunchRecord record = KubernetesLaunchRecord.read(store, spec).orElseThrow();
      assertEquals("spark-jobs:" + podName, record.pod());
      assertEquals(image, record.image());

      // the orchestrator restarts: a new operator, the same step of the same run
      KubernetesStepLaunch again = (KubernetesStepLaunch) operator(config, cache, secrets, kube, m2).launch(info, command);
      assertTrue(again.reattached());
      kube.setLog("spark-jobs", podName, "training done\n");
      kube.setStatus("spark-jobs", podName, MockKubernetes::running);
      kube.setStatus("spark-jobs", podName, MockKubernetes.terminated("Succeeded", 0, "Completed"));

      assertEquals(0, again.await());
      assertEquals(0, first.await());
      assertEquals(1, kube.createdPods().size(), "no second submission");
      assertTrue(log.contains("training done"), log.toString());
      assertTrue(log.stream().anyMatch(l -> l.contains("reattaching to driver pod spark-jobs:" + podName)), log.toString());

      // a step naming its own parent image: its image is built on that parent (the parent's layers under
      // Stepwise's three), while the step above got the image builder's 'scratch'
      BuiltImage base = new ImageBuilder(cache, dir.resolve("jib")).build(ImageInputs.of("spark/base", "scratch",
          List.of(), List.of(dev.stepwise.image.ImageFixturesAccess.classesDir(dir.resolve("base"))), Map.of()),
          containerRegistry.target(secrets::find));
      String parent = registry.hostPort() + "/spark/base@" + base.digest();
      URI ownSpec = store.resolve("runs/r1/trainOnBase/spec.json");
      StepRunInfo own = new StepRunInfo("r1", "Training", "trainOnBase", KubernetesSubmissionTest.gpuStep(parent),
          ownSpec, store.resolve("runs/r1/trainOnBase/result.json"), stack, store,
          (StepLog.Stream s, String line) -> log.add(line));
      KubernetesStepLaunch onBase = (KubernetesStepLaunch) operator(config, cache, secrets, kube, m2).launch(own,
          new EntrypointCommand(command.javaExecutable(), List.of(), command.classpath(), command.mainClass(),
              List.of("--spec", ownSpec.toString()), command.environment()));
      awaitRecord(store, ownSpec, onBase, log);
      String ownImage = KubernetesLaunchRecord.read(store, ownSpec).orElseThrow().image();
      JsonNode baseLayers = registry.manifest("spark/base", base.digest()).get("layers");
      JsonNode ownLayers = registry.manifest("stepwise/training", ownImage.substring(ownImage.indexOf('@') + 1)).get("layers");
      assertEquals(baseLayers.size() + 3, ownLayers.size(), ownLayers.toString());
      for (int i = 0; i < baseLayers.size(); i++) {
        assertEquals(baseLayers.get(i).get("digest"), ownLayers.get(i).get("digest"), "parent layer " + i);
      }
      assertEquals(3, registry.manifest("stepwise/training", image.substring(image.indexOf('@') + 1)).get("layers").size(),
          "the first step's image is on scratch");
      assertTrue(log.stream().anyMatch(l -> l.contains(" on " + parent + " (@SparkStepOperatorSettings(parentImage)")),
          log.toString());
      onBase.cancel(java.time.Duration.ofSeconds(5));

      // another step of the run, cancelled once its pod exists: the pod is deleted, the step ends terminated
      URI spec2 = store.resolve("runs/r1/evaluate/spec.json");
      StepRunInfo info2 = new StepRunInfo("r1", "Training", "evaluate", KubernetesSubmissionTest.gpuStep(), spec2,
          store.resolve("runs/r1/evaluate/result.json"), stack, store, (StepLog.Stream s, String line) -> log.add(line));
      KubernetesStepLaunch second = (KubernetesStepLaunch) operator(config, cache, secrets, kube, m2).launch(info2,
          new EntrypointCommand(command.javaExecutable(), List.of(), command.classpath(), command.mainClass(),
              List.of("--spec", spec2.toString()), command.environment()));
      awaitRecord(store, spec2, second, log);
      assertTrue(log.stream().anyMatch(l -> l.contains("already in the registry")), "one image per run: " + log);
      second.cancel(java.time.Duration.ofSeconds(5));
      assertEquals(KubernetesStepLaunch.TERMINATED, second.await());
      assertEquals(null, kube.client().pods().inNamespace("spark-jobs").withName(second.pod().podName()).get());

      // attempt 2 of trainModel (@Step(retries)): its own driver pod, not a reattach to attempt 1's; an
      // OOMKilled driver is reported as such, which the orchestrator's retry policy retries
      StepRunInfo retry = new StepRunInfo("r1", "Training", "trainModel", KubernetesSubmissionTest.gpuStep(), spec,
          store.resolve("runs/r1/trainModel/result.json"), stack, store,
          (StepLog.Stream s, String line) -> log.add(line), Map.of(), 2);
      KubernetesStepLaunch attempt2 = (KubernetesStepLaunch) operator(config, cache, secrets, kube, m2).launch(retry, command);
      String attempt2Pod = KubernetesSparkStepOperator.driverPodName("Training", "r1", "trainModel", 2);
      assertFalse(attempt2.reattached());
      assertEquals(attempt2Pod, attempt2.pod().podName());
      awaitPod(kube, attempt2Pod, attempt2, log);
      kube.setStatus("spark-jobs", attempt2Pod, MockKubernetes.terminated("Failed", 137, "OOMKilled"));
      assertEquals(137, attempt2.await());
      assertEquals(Optional.of(InfrastructureFailure.OUT_OF_MEMORY), attempt2.infrastructureFailure());

      // a registry that is down: launch returns, the step fails with the reason and no pod is created
      StepRunInfo info3 = new StepRunInfo("r2", "Training", "trainModel", KubernetesSubmissionTest.gpuStep(),
          store.resolve("runs/r2/trainModel/spec.json"), store.resolve("runs/r2/trainModel/result.json"),
          new ResolvedStack(stack.view(), Map.of(ComponentType.ARTIFACT_STORE, store, ComponentType.IMAGE_BUILDER,
              builder, ComponentType.CONTAINER_REGISTRY, new ContainerRegistry("down", RegistryUri.parse("127.0.0.1:9"),
                  true, Optional.empty(), true))), store, (StepLog.Stream s, String line) -> log.add(line));
      KubernetesStepLaunch down = (KubernetesStepLaunch) operator(config, cache, secrets, kube, m2).launch(info3, command);
      assertEquals(dev.stepwise.step.StepExitCode.ENTRYPOINT_FAILED.code(), down.await());
      DriverPodOutcome outcome = down.outcome().join();
      assertEquals(Optional.of(DriverPodFailure.SUBMISSION_FAILED), outcome.failure());
      assertEquals(Optional.of(InfrastructureFailure.SUBMISSION_FAILED), down.infrastructureFailure(),
          "a refused submission is reported as one, so it is not retried");
      assertTrue(outcome.message().contains("cannot reach the container registry 127.0.0.1:9"), outcome.message());
      assertEquals(4, kube.createdPods().size(), "no pod for the step whose image could not be pushed");
    }
  }

  private static void awaitPod(MockKubernetes kube, String podName, KubernetesStepLaunch launch, List<String> log)
      throws InterruptedException {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(120);
    while (!kube.createdPods().contains("spark-jobs:" + podName)) {
      assertTrue(System.nanoTime() < deadline && !launch.outcome().isDone(), "submitted: " + String.join("\n", log));
      Thread.sleep(100);
    }
  }

  private static void awaitRecord(S3ArtifactStore store, URI spec, KubernetesStepLaunch launch, List<String> log)
      throws InterruptedException {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
    while (KubernetesLaunchRecord.read(store, spec).isEmpty()) {
      assertTrue(System.nanoTime() < deadline && !launch.outcome().isDone(), "submitted: " + String.join("\n", log));
      Thread.sleep(50);
    }
  }

  private static KubernetesSparkStepOperator operator(KubernetesStepOperatorConfig config, StepwiseCacheDir cache,
      SecretStore secrets, MockKubernetes kube, Path m2) {
    return new KubernetesSparkStepOperator("k8s", config, cache, Map.of(), secrets::find,
        c -> kube.server().createClient(), m2);
  }
}

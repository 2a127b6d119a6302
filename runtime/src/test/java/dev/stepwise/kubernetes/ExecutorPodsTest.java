package dev.stepwise.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.kubernetes.apps.IdleDriverApp;
import dev.stepwise.support.ProcessTree;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the driver pod would do, done locally: a real Spark driver in client mode, started the way
 * the image's entrypoint starts it, from the {@code spark.properties} the submission wrote into the
 * driver's ConfigMap. Spark's own ExecutorPodsAllocator then creates the executor pods through the
 * API double, and they must carry the step's image, account, labels, GPU, sizes and environment.
 */
class ExecutorPodsTest {
  private static final String NS = KubernetesSubmissionTest.NS;
  /** For a driver JVM to start and ask for its executors on a loaded CI machine; they stay Pending (no kubelet). */
  private static final Duration EXECUTOR_PODS_DEADLINE = Duration.ofSeconds(90);
  private static final int OUTPUT_TAIL = 80;

  @Test
  void sparksAllocatorCreatesExecutorPodsWithTheStepsImageAccountLabelsResourcesAndSecretEnv(@TempDir Path dir)
      throws Exception {
    try (MockKubernetes kube = new MockKubernetes()) {
      SubmittedGpuStep submitted = SubmittedGpuStep.submit(kube, dir);
      Pod driverPod = kube.client().pods().inNamespace(NS).withName(submitted.driverPodName()).get();
      assertNotNull(driverPod, "the driver pod was submitted; " + submitted.output());
      // the driver runs in this pod, so a kubelet would report it Running and Ready, which Spark's
      // allocator waits for (1 s, then it logs an error and goes on)
      kube.setStatus(NS, submitted.driverPodName(), pod -> MockKubernetes.running(pod).editStatus()
          .addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus());
      Path properties = Files.createDirectories(dir.resolve("conf")).resolve("spark.properties");
      Files.writeString(properties, submitted.driverProperties(kube));

      List<String> output = new CopyOnWriteArrayList<>();
      Process driver = startDriver(submitted, driverPod, properties, kube.server().getPort(), dir, output);
      List<ProcessHandle> survivors;
      try {
        List<Pod> executors = awaitExecutorPods(kube, driver, output);
        assertEquals(2, executors.size(), "spark.executor.instances=2" + tail(output));
        for (Pod executor : executors) {
          assertExecutorPod(executor, driverPod, submitted, output);
        }
      } finally {
        survivors = new ProcessTree(driver.toHandle()).stop(Duration.ofSeconds(5));
      }
      assertEquals(List.of(), survivors, "the forked driver and its children are gone");
    }
  }

  private static void assertExecutorPod(Pod pod, Pod driverPod, SubmittedGpuStep submitted, List<String> output) {
    String about = "\nexecutor pod:\n" + new KubernetesSerialization().asYaml(pod) + tail(output);
    assertEquals(NS, pod.getMetadata().getNamespace(), about);
    assertEquals("spark-driver", pod.getSpec().getServiceAccountName(), "executor service account" + about);
    Map<String, String> labels = pod.getMetadata().getLabels();
    assertEquals("r1", labels.get(KubernetesBackend.RUN_ID_LABEL), about);
    assertEquals("trainModel", labels.get(KubernetesBackend.STEP_LABEL), about);
    assertEquals("Training", labels.get(KubernetesBackend.PIPELINE_LABEL), about);
    assertEquals("ml", labels.get("team"), about);
    // the same application as the driver pod: Spark labels both with spark.app.id
    assertEquals(driverPod.getMetadata().getLabels().get("spark-app-selector"), labels.get("spark-app-selector"),
        about);
    assertEquals("data@acme.example", pod.getMetadata().getAnnotations().get("owner"), about);
    assertEquals(Map.of("pool", "gpu"), pod.getSpec().getNodeSelector(), about);
    assertEquals(List.of("regcred"),
        pod.getSpec().getImagePullSecrets().stream().map(LocalObjectReference::getName).toList(), about);

    assertEquals(1, pod.getSpec().getContainers().size(), about);
    Container container = pod.getSpec().getContainers().get(0);
    assertEquals(submitted.image(), container.getImage(), about);
    assertEquals(driverPod.getSpec().getContainers().get(0).getImage(), container.getImage(), about);
    // @ResourceSettings(cpuCount=0.5) as the exact fraction; 4g heap + 410m explicit overhead; one GPU
    Map<String, Quantity> requests = container.getResources().getRequests();
    Map<String, Quantity> limits = container.getResources().getLimits();
    assertEquals(new Quantity("0.5"), requests.get("cpu"), about);
    assertEquals(new Quantity("4506Mi"), requests.get("memory"), about);
    assertEquals(new Quantity("4506Mi"), limits.get("memory"), about);
    assertEquals(new Quantity("1"), limits.get("nvidia.com/gpu"), about);

    String secret = KubernetesBackend.environmentSecretName(submitted.driverPodName());
    for (String variable : List.of("STEPWISE_RUN", "AWS_SECRET_ACCESS_KEY")) {
      EnvVar var = container.getEnv().stream().filter(e -> e.getName().equals(variable)).findFirst()
          .orElseThrow(() -> new AssertionError(variable + " is not in the executor's environment" + about));
      assertNull(var.getValue(), "by reference, never a plain value: " + var + about);
      assertEquals(secret, var.getValueFrom().getSecretKeyRef().getName(), var + about);
      assertEquals(variable, var.getValueFrom().getSecretKeyRef().getKey(), var + about);
    }
    assertTrue(container.getEnv().stream().noneMatch(e -> String.valueOf(e.getValue())
        .contains(SubmittedGpuStep.SECRET_VALUE)), "no environment value in the executor pod" + about);

    // Spark found the driver pod by spark.kubernetes.driver.pod.name: deleting it takes the executors along
    List<OwnerReference> owners = pod.getMetadata().getOwnerReferences();
    assertEquals(1, owners.size(), about);
    assertEquals("Pod", owners.get(0).getKind(), about);
    assertEquals(driverPod.getMetadata().getName(), owners.get(0).getName(), about);
    assertEquals(driverPod.getMetadata().getUid(), owners.get(0).getUid(), about);
  }

  /**
   * The driver container's command: Spark's entrypoint runs {@code spark-submit --deploy-mode client}
   * with the pod's args. Only what a pod has and this process lacks is overridden.
   */
  private static Process startDriver(SubmittedGpuStep submitted, Pod driverPod, Path properties, int apiPort,
      Path dir, List<String> output) throws Exception {
    List<String> podArgs = new ArrayList<>(driverPod.getSpec().getContainers().get(0).getArgs());
    assertEquals("driver", podArgs.remove(0), "the entrypoint's mode comes first: " + podArgs);
    // the pod mounts the ConfigMap at /opt/spark/conf; here it is a file
    podArgs.set(podArgs.indexOf("--properties-file") + 1, properties.toString());
    // the step's entrypoint is in the image's app jar (local:///opt/stepwise/...), which is not here
    podArgs.set(podArgs.indexOf("--class") + 1, IdleDriverApp.class.getName());
    Path testClasses = Path.of(IdleDriverApp.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<String> command = new ArrayList<>(List.of(submitted.sparkHome().resolve("bin/spark-submit").toString(),
        // the pod's IP (SPARK_DRIVER_BIND_ADDRESS) and the driver service's DNS name, which resolves only in-cluster
        "--conf", "spark.driver.bindAddress=127.0.0.1", "--conf", "spark.driver.host=127.0.0.1",
        // spark.kubernetes.submitInDriver=true makes the driver call https://kubernetes.default.svc
        "--conf", "spark.kubernetes.driver.master=http://127.0.0.1:" + apiPort,
        // the image's discovery script, and the GPU the pod's nvidia.com/gpu limit would get it
        "--conf", "spark.driver.resource.gpu.discoveryScript=" + oneGpuScript(dir),
        "--driver-class-path", testClasses.toString(),
        "--deploy-mode", "client"));
    command.addAll(podArgs);
    // the pod's working directory is /opt/spark/work-dir; here a temp one, so nothing lands in the build tree
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .directory(Files.createDirectories(dir.resolve("work-dir")).toFile());
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    output.add("$ " + String.join(" ", command));
    Process process = builder.start();
    Thread pump = new Thread(() -> {
      try (BufferedReader reader = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        reader.lines().forEach(output::add);
      } catch (IOException | java.io.UncheckedIOException e) {
        // the driver was killed mid-line
      }
    }, "executor-pods-test-driver-output");
    pump.setDaemon(true);
    pump.start();
    return process;
  }

  private static Path oneGpuScript(Path dir) throws IOException {
    Path script = dir.resolve("one-gpu.sh");
    Files.writeString(script, "#!/bin/sh\necho '{\"name\":\"gpu\",\"addresses\":[\"0\"]}'\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    return script;
  }

  /** Polls the API until the driver has created its executor pods; fails early if the driver dies. */
  private static List<Pod> awaitExecutorPods(MockKubernetes kube, Process driver, List<String> output)
      throws InterruptedException {
    long deadline = System.nanoTime() + EXECUTOR_PODS_DEADLINE.toNanos();
    while (true) {
      List<Pod> pods = kube.client().pods().inNamespace(NS).withLabel("spark-role", "executor").list().getItems();
      if (pods.size() >= 2) {
        return pods;
      }
      assertTrue(driver.isAlive(), () -> "the driver exited with " + driver.exitValue() + " after creating "
          + pods.size() + " executor pod(s)" + tail(output));
      assertTrue(System.nanoTime() < deadline, () -> "after " + EXECUTOR_PODS_DEADLINE + " the driver has created "
          + pods.size() + " executor pod(s)" + tail(output));
      Thread.sleep(200);
    }
  }

  private static String tail(List<String> output) {
    List<String> lines = List.copyOf(output);
    return "\ndriver output (last " + OUTPUT_TAIL + " lines):\n"
        + String.join("\n", lines.subList(Math.max(0, lines.size() - OUTPUT_TAIL), lines.size()));
  }
}

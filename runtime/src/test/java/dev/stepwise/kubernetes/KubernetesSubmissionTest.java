package dev.stepwise.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.image.ImageLayout;
import dev.stepwise.step.StepMetadata;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A step's submission through Spark's own Kubernetes client (a forked spark-submit from the
 * embedded Spark home) against the API double: the driver pod the API received is what the
 * step's settings and the flavor's config say.
 */
class KubernetesSubmissionTest {
  static final String NS = "spark-jobs";

  static StepMetadata gpuStep() {
    return gpuStep("");
  }

  /** The same step, built on {@code parentImage} ({@code ""}: the image builder's). */
  static StepMetadata gpuStep(String parentImage) {
    return new StepMetadata("trainModel", "com.acme.Training", "trainModel",
        "com.acme.Training_TrainModelStepEntrypoint", "com.acme.TrainingSteps", "k8s_operator",
        new StepMetadata.Resources(0.5, 1, "4GiB"), new StepMetadata.Spark("", List.of(), 0, "2g", 2, parentImage),
        List.of(), "java.lang.Long");
  }

  static KubernetesStepOperatorConfig config(String master) {
    return new KubernetesStepOperatorConfig(master, null, Map.of(), null, null, NS, "spark-driver", null,
        "IfNotPresent", List.of("regcred"), null, null, Map.of("team", "ml"), Map.of("owner", "data@acme.example"),
        Map.of("pool", "gpu"), null);
  }

  @Test
  void theDriverPodCarriesImageAccountResourcesEnvLabelsAndGpu(@TempDir Path dir) throws Exception {
    try (MockKubernetes kube = new MockKubernetes()) {
      SubmittedGpuStep submitted = SubmittedGpuStep.submit(kube, dir);
      String image = submitted.image();

      assertTrue(submitted.submission().toArgv().stream().noneMatch(a -> a.contains(SubmittedGpuStep.SECRET_VALUE)),
          "secrets stay off argv");
      String podName = submitted.driverPodName();
      assertEquals(List.of(NS + ":" + podName), kube.createdPods(), "one pod, named for run and step; "
          + submitted.output());
      Pod pod = kube.client().pods().inNamespace(NS).withName(podName).get();
      assertEquals("Pending", pod.getStatus().getPhase());
      assertEquals("spark-driver", pod.getSpec().getServiceAccountName());
      assertEquals("gpu", pod.getSpec().getNodeSelector().get("pool"));
      assertEquals("regcred", pod.getSpec().getImagePullSecrets().get(0).getName());
      Map<String, String> labels = pod.getMetadata().getLabels();
      assertEquals("r1", labels.get(KubernetesBackend.RUN_ID_LABEL));
      assertEquals("trainModel", labels.get(KubernetesBackend.STEP_LABEL));
      assertEquals("Training", labels.get(KubernetesBackend.PIPELINE_LABEL));
      assertEquals("ml", labels.get("team"));
      assertEquals("data@acme.example", pod.getMetadata().getAnnotations().get("owner"));

      Container driver = pod.getSpec().getContainers().get(0);
      assertEquals(image, driver.getImage());
      assertEquals("IfNotPresent", driver.getImagePullPolicy());
      List<String> args = driver.getArgs();
      assertEquals("com.acme.Training_TrainModelStepEntrypoint", args.get(args.indexOf("--class") + 1));
      assertTrue(args.contains("local://" + ImageLayout.APP_JAR), args.toString());
      assertEquals(List.of("--spec", "s3://bucket/runs/r1/train/spec.json"), args.subList(args.size() - 2, args.size()));
      String secret = KubernetesBackend.environmentSecretName(podName);
      for (String variable : List.of("STEPWISE_RUN", "AWS_SECRET_ACCESS_KEY")) {
        EnvVar var = driver.getEnv().stream().filter(e -> e.getName().equals(variable)).findFirst().orElseThrow();
        assertEquals(secret, var.getValueFrom().getSecretKeyRef().getName(), "by reference: " + var);
        assertEquals(variable, var.getValueFrom().getSecretKeyRef().getKey());
      }
      // driver memory 2g + explicit overhead max(384m, 10%) = 2048 + 384 MiB; one GPU as the limit
      Map<String, Quantity> requests = driver.getResources().getRequests();
      Map<String, Quantity> limits = driver.getResources().getLimits();
      assertEquals(new Quantity("2432Mi"), requests.get("memory"));
      assertEquals(new Quantity("2432Mi"), limits.get("memory"));
      assertEquals(new Quantity("1"), limits.get("nvidia.com/gpu"));

      String text = submitted.driverProperties(kube);
      assertFalse(text.contains(SubmittedGpuStep.SECRET_VALUE), "no environment value in the driver's ConfigMap");
      Properties properties = new Properties();
      properties.load(new StringReader(text));
      // the executor side, as the driver will create executor pods from it
      Map<String, String> expected = new java.util.TreeMap<>(Map.ofEntries(
          Map.entry("spark.kubernetes.executor.request.cores", "0.5"),
          Map.entry("spark.executor.cores", "1"),
          Map.entry("spark.executor.memory", "4g"),
          Map.entry("spark.executor.memoryOverhead", "410m"),
          Map.entry("spark.executor.instances", "2"),
          Map.entry("spark.executor.resource.gpu.amount", "1"),
          Map.entry("spark.executor.resource.gpu.vendor", "nvidia.com"),
          Map.entry("spark.executor.resource.gpu.discoveryScript", ImageLayout.GPU_DISCOVERY_SCRIPT),
          Map.entry("spark.kubernetes.executor.label.stepwise.dev/step", "trainModel"),
          Map.entry("spark.kubernetes.executor.secretKeyRef.STEPWISE_RUN", secret + ":STEPWISE_RUN"),
          Map.entry("spark.kubernetes.authenticate.executor.serviceAccountName", "spark-driver"),
          Map.entry("spark.kubernetes.submission.waitAppCompletion", "false"),
          // the image has every jar: the driver must not copy them and serve its copies to executors
          Map.entry("spark.kubernetes.jars.avoidDownloadSchemes", "local"),
          Map.entry("spark.jars", "local://" + ImageLayout.LIB_DIR + "/dep-1.0.jar,local://" + ImageLayout.APP_JAR)));
      for (Map.Entry<String, String> entry : expected.entrySet()) {
        assertEquals(entry.getValue(), properties.getProperty(entry.getKey()), entry.getKey());
      }
    }
  }
}

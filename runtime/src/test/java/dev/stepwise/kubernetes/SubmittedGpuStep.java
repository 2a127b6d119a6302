package dev.stepwise.kubernetes;

import dev.stepwise.image.ImageLayout;
import dev.stepwise.operator.EntrypointCommand;
import dev.stepwise.operator.StepLog;
import dev.stepwise.spark.EmbeddedSparkHome;
import dev.stepwise.spark.SparkConfLayer;
import dev.stepwise.spark.SparkOutcome;
import dev.stepwise.spark.SparkStepLaunch;
import dev.stepwise.spark.SparkSubmission;
import dev.stepwise.spark.SparkSubmitter;
import dev.stepwise.support.StepwiseCacheDir;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * {@link KubernetesSubmissionTest#gpuStep()} with {@link KubernetesSubmissionTest#config} planned by the
 * operator for run {@code r1} of pipeline {@code Training} and submitted by a forked spark-submit of the
 * embedded Spark home to the API double: where every test starts that reads back what Spark created.
 */
record SubmittedGpuStep(String image, String driverPodName, SparkSubmission submission, SparkOutcome outcome,
    List<String> log, Path sparkHome) {
  /** The value of a step environment variable that must never reach argv, a conf value or a pod. */
  static final String SECRET_VALUE = "do-not-print";
  static final String IMAGE = "registry.example.com/stepwise/training@sha256:" + "ab".repeat(32);

  static SubmittedGpuStep submit(MockKubernetes kube, Path dir) throws Exception {
    KubernetesStepOperatorConfig config = KubernetesSubmissionTest.config(kube.sparkMaster());
    StepwiseCacheDir cache = new StepwiseCacheDir(dir.resolve("cache"));
    KubernetesSparkStepOperator operator = new KubernetesSparkStepOperator("k8s_operator", config, cache, Map.of(),
        name -> Optional.empty(), c -> kube.client(), dir);
    EntrypointCommand command = new EntrypointCommand(EntrypointCommand.currentJava(), List.of(), List.of(),
        "com.acme.Training_TrainModelStepEntrypoint", List.of("--spec", "s3://bucket/runs/r1/train/spec.json"),
        Map.of("STEPWISE_RUN", "r1", "AWS_SECRET_ACCESS_KEY", SECRET_VALUE));
    SparkSubmission submission = operator.plan("Training", "r1", "trainModel", KubernetesSubmissionTest.gpuStep(),
        command, IMAGE, List.of(ImageLayout.LIB_DIR + "/dep-1.0.jar"), SparkConfLayer.NONE);
    List<String> log = new CopyOnWriteArrayList<>();
    Path sparkHome = EmbeddedSparkHome.assemble(cache);
    SparkStepLaunch launch = SparkSubmitter.submit(submission, sparkHome,
        Map.of("JAVA_HOME", System.getProperty("java.home"), "SPARK_SCALA_VERSION", "2.13"),
        (StepLog.Stream stream, String line) -> log.add(line), Optional.of(Duration.ofMinutes(2)),
        dir.resolve("scratch"));
    SparkOutcome outcome = launch.awaitOutcome();
    return new SubmittedGpuStep(IMAGE, KubernetesSparkStepOperator.driverPodName("Training", "r1", "trainModel"),
        submission, outcome, List.copyOf(log), sparkHome);
  }

  /** spark-submit's outcome and output, for assertion messages. */
  String output() {
    return outcome + "\n" + String.join("\n", log);
  }

  /** The {@code spark.properties} Spark wrote into the driver's ConfigMap, which the pod mounts at /opt/spark/conf. */
  String driverProperties(MockKubernetes kube) {
    ConfigMap conf = kube.client().configMaps().inNamespace(KubernetesSubmissionTest.NS).list().getItems().stream()
        .filter(c -> c.getMetadata().getName().startsWith("spark-drv-")).findFirst()
        .orElseThrow(() -> new AssertionError("no driver ConfigMap; " + output()));
    String text = conf.getData().get("spark.properties");
    if (text == null) {
      throw new AssertionError("no spark.properties in " + conf.getMetadata().getName() + ": "
          + conf.getData().keySet());
    }
    return text;
  }
}

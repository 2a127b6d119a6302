package dev.stepwise.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.flavor.ComponentType;
import dev.stepwise.flavor.StackView;
import dev.stepwise.image.ImageBuilder;
import dev.stepwise.image.StackImageBuilder;
import dev.stepwise.operator.EntrypointCommand;
import dev.stepwise.spark.SparkConfLayer;
import dev.stepwise.spark.SparkSubmission;
import dev.stepwise.stack.ResolvedStack;
import dev.stepwise.step.StepMetadata;
import dev.stepwise.support.StepwiseCacheDir;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pods explain shows match what the submission test saw Spark create (2g + 384Mi driver, 1 GPU). */
class PodPreviewTest {

  @Test
  void showsRequestsAndLimitsAfterOverheadGpuLabelsAndEnvNamesOnly(@TempDir Path dir) {
    KubernetesSparkStepOperator operator = new KubernetesSparkStepOperator("k8s",
        KubernetesSubmissionTest.config("k8s://https://10.0.0.1:6443"), new StepwiseCacheDir(dir), Map.of(),
        n -> Optional.empty(), c -> { throw new AssertionError("explain must not call the cluster"); }, dir);
    EntrypointCommand command = new EntrypointCommand(EntrypointCommand.currentJava(), List.of(), List.of(),
        "com.acme.Main", List.of(), Map.of("AWS_SECRET_ACCESS_KEY", "hidden", "STEPWISE_RUN", "r1"));
    SparkSubmission submission = operator.plan("Training", "r1", "trainModel", KubernetesSubmissionTest.gpuStep(),
        command, "reg/img@sha256:00", List.of(), SparkConfLayer.NONE);

    PodPreview preview = PodPreview.of(submission);

    assertEquals(new PodPreview.Pod("1", Optional.empty(), 2432, 1), preview.driver());
    assertEquals(new PodPreview.Pod("0.5", Optional.empty(), 4096 + 410, 1), preview.executor());
    assertEquals(2, preview.executorInstances());
    assertEquals(Optional.of("spark-driver"), preview.serviceAccount());
    assertEquals(List.of("AWS_SECRET_ACCESS_KEY", "STEPWISE_RUN"), preview.environmentNames());
    assertEquals("trainModel", preview.labels().get(KubernetesBackend.STEP_LABEL));
    String text = String.join("\n", preview.lines());
    assertTrue(text.contains("requests cpu=0.5 memory=4506Mi") && text.contains("nvidia.com/gpu=1"), text);
    assertTrue(!text.contains("hidden") && submission.toArgv().stream().noneMatch(a -> a.contains("hidden")), text);

    SparkSubmission explained = operator.explain(KubernetesSubmissionTest.gpuStep(), List.of());
    assertTrue(explained.value("spark.kubernetes.container.image").orElseThrow().contains("image built at launch"));
    assertEquals(Optional.of("false"), explained.value("spark.kubernetes.submission.waitAppCompletion"));
  }

  @Test
  void explainNamesTheParentImageAndWhereItComesFrom(@TempDir Path dir) {
    KubernetesSparkStepOperator operator = new KubernetesSparkStepOperator("k8s",
        KubernetesSubmissionTest.config("k8s://https://10.0.0.1:6443"), new StepwiseCacheDir(dir), Map.of(),
        n -> Optional.empty(), c -> { throw new AssertionError("explain must not call the cluster"); }, dir);
    StackImageBuilder jib = new StackImageBuilder("jib", new ImageBuilder(new StepwiseCacheDir(dir), dir), "acme/spark:4.1");
    ResolvedStack withBuilder = new ResolvedStack(new StackView("k8s", Map.of()), Map.of(ComponentType.IMAGE_BUILDER, jib));
    ResolvedStack withoutBuilder = new ResolvedStack(new StackView("bare", Map.of()), Map.of());

    assertEquals("parent image:    acme/spark:4.1-gpu (@SparkStepOperatorSettings(parentImage) of step trainModel)",
        parentLine(operator, KubernetesSubmissionTest.gpuStep("acme/spark:4.1-gpu"), withBuilder));
    assertEquals("parent image:    acme/spark:4.1 (parent_image of image builder 'jib')",
        parentLine(operator, KubernetesSubmissionTest.gpuStep(), withBuilder));
    assertEquals("parent image:    " + ImageBuilder.DEFAULT_PARENT_IMAGE + " (Stepwise's default: the stack has no image builder)",
        parentLine(operator, KubernetesSubmissionTest.gpuStep(), withoutBuilder));
  }

  private static String parentLine(KubernetesSparkStepOperator operator, StepMetadata step, ResolvedStack stack) {
    List<String> lines = operator.preview(operator.explain(step, List.of()), step, stack);
    assertTrue(lines.get(0).startsWith("image:"), lines.toString());
    return lines.get(1);
  }
}

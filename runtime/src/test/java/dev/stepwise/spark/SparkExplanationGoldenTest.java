package dev.stepwise.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stepwise.step.StepMetadata;
import dev.stepwise.support.JsonCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Golden outputs of {@code step explain} for the resource mapping table. Regenerate with
 * {@code STEPWISE_REGENERATE_GOLDEN=1} and review the diff.
 */
class SparkExplanationGoldenTest {
  private static final Path GOLDEN = Path.of("src/test/resources/dev/stepwise/spark/explain");

  static StepMetadata caseStep(String name) {
    StepMetadata.Resources resources = switch (name) {
      case "memory-4GB" -> new StepMetadata.Resources(0, 0, "4GB");
      case "memory-4GiB" -> new StepMetadata.Resources(0, 0, "4GiB");
      case "memory-512MiB" -> new StepMetadata.Resources(0, 0, "512MiB");
      case "cpu-0.5" -> new StepMetadata.Resources(0.5, 0, "");
      case "cpu-1.5" -> new StepMetadata.Resources(1.5, 0, "");
      case "gpu-1" -> new StepMetadata.Resources(0, 1, "");
      case "submitargs-override" -> new StepMetadata.Resources(2, 0, "4GiB");
      default -> throw new IllegalArgumentException(name);
    };
    StepMetadata.Spark spark = name.equals("submitargs-override")
        ? new StepMetadata.Spark("", List.of("spark.executor.memory=6g", "spark.executor.cores=4"), 1, "1g", 2)
        : null;
    return SparkSubmissionPlannerTest.step(resources, spark);
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory-4GB", "memory-4GiB", "memory-512MiB", "cpu-0.5", "cpu-1.5", "gpu-1",
      "submitargs-override"})
  void explainMatchesTheGoldenOutput(String name) throws Exception {
    SparkStepOperatorConfig config = new SparkStepOperatorConfig("local[*]", "client",
        Map.of("spark.executor.memory", "1g"), null, null);
    SparkStepRequest request = new SparkStepRequest("pipeline", SparkStepOperator.RUN_ID_PLACEHOLDER, caseStep(name),
        "/app/word-count.jar", List.of(), List.of("--spec", SparkStepOperator.explainSpecUri("countWords")), Map.of());
    SparkSubmission submission = SparkSubmissionPlanner
        .forConfig(config, () -> Path.of("/cache/stepwise/gpu-discovery.sh"))
        .plan(request, "com.acme.WordCount_CountWordsStepEntrypoint");
    check(GOLDEN.resolve(name + ".txt"), SparkExplanation.text(submission));
    check(GOLDEN.resolve(name + ".json"),
        JsonCodec.mapper().writeValueAsString(SparkExplanation.json(submission)) + "\n");
  }

  private static void check(Path golden, String actual) throws Exception {
    if (System.getenv("STEPWISE_REGENERATE_GOLDEN") != null) {
      Files.createDirectories(golden.getParent());
      Files.writeString(golden, actual);
    }
    assertEquals(Files.readString(golden), actual, "golden " + golden + " (STEPWISE_REGENERATE_GOLDEN=1 rewrites it)");
  }
}

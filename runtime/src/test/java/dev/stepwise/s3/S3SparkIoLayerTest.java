package dev.stepwise.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.stepwise.spark.SparkExplanation;
import dev.stepwise.spark.SparkStepOperatorConfig;
import dev.stepwise.spark.SparkStepRequest;
import dev.stepwise.spark.SparkSubmission;
import dev.stepwise.spark.SparkSubmissionPlanner;
import dev.stepwise.step.StepMetadata;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The S3 io layer inside a real submission plan: keys with their source, and no secret in argv or explain. */
class S3SparkIoLayerTest {
  private static final String SECRET = "s3cr3t-never-shown";
  private static final String TOKEN = "t0ken-never-shown";

  @Test
  void explainAndArgvCarryTheIoKeysButNeverTheCredentials() {
    S3Connection connection = new S3Connection("lake", S3Location.parse("s3://lake/stepwise"),
        Optional.of(URI.create("http://127.0.0.1:9000")), "us-east-1", true,
        Optional.of(new S3Credentials("lake_creds", "AKIA-LAKE", SECRET, Optional.of(TOKEN))));
    S3SparkIoLayer layer = new S3SparkIoLayer(S3SparkIoConfiguration.forConnection(connection));
    StepMetadata step = new StepMetadata("countWords", "com.acme.WordCount", "countWords",
        "com.acme.WordCount_CountWordsStepEntrypoint", "com.acme.WordCountSteps", "spark_step_operator",
        new StepMetadata.Resources(0, 0, ""), null, List.of(), "java.lang.Long");
    SparkStepRequest request = new SparkStepRequest("Word Count", "RUN_1", step, "/app/app.jar", List.of(),
        List.of("--spec", "s3://lake/stepwise/runs/RUN_1/steps/countWords/spec.json"), Map.of());
    SparkSubmission submission = new SparkSubmissionPlanner(SparkStepOperatorConfig.of("local[2]", "client"),
        (r, c, conf) -> {}, layer, () -> Path.of("/unused/gpu.sh")).plan(request, step.entrypointClass());

    assertEquals("io:s3", submission.entry("spark.hadoop.fs.s3a.endpoint").orElseThrow().source().label());
    assertEquals(S3SparkIoConfiguration.ENVIRONMENT_PROVIDER,
        submission.value("spark.hadoop.fs.s3a.aws.credentials.provider").orElseThrow());
    String argv = String.join(" ", submission.toArgv());
    String text = SparkExplanation.text(submission);
    String json = SparkExplanation.json(submission).toString();
    for (String shown : List.of(argv, text, json)) {
      assertFalse(shown.contains(SECRET) || shown.contains(TOKEN), shown);
    }
    assertEquals(SECRET, layer.environment().get("AWS_SECRET_ACCESS_KEY"), "the launcher gets the value by env");
  }
}

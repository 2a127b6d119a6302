package dev.stepwise.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.artifact.LocalArtifactStore;
import dev.stepwise.flavor.StackView;
import dev.stepwise.operator.EntrypointCommand;
import dev.stepwise.operator.StepLaunchException;
import dev.stepwise.operator.StepRunInfo;
import dev.stepwise.spark.SparkTestFixtures.CollectedLog;
import dev.stepwise.stack.ResolvedStack;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What reaches spark-submit, checked with a recording spark-submit; and configs refused before any launch. */
class SparkLaunchContractTest {
  @TempDir Path dir;

  private Path recordingSparkHome() throws Exception {
    Path home = dir.resolve("spark");
    Files.createDirectories(home.resolve("bin"));
    Path script = home.resolve("bin/spark-submit");
    Files.writeString(script, """
        #!/usr/bin/env bash
        for arg in "$@"; do printf '%s\\0' "$arg"; done > "$(dirname "$0")/../argv"
        env > "$(dirname "$0")/../env"
        """);
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    return home;
  }

  @Test
  void theRecordedArgvIsExactlyWhatSparkLauncherRuns() throws Exception {
    Path home = recordingSparkHome();
    SparkConfBuilder conf = new SparkConfBuilder();
    conf.set("spark.executor.memory", "4g", ConfSource.RESOURCE_SETTINGS);
    conf.set("spark.sql.shuffle.partitions", "3", ConfSource.COMPONENT);
    conf.setSecret("spark.hadoop.fs.s3a.secret.key", "very-secret", ConfSource.layer("io", "s3"));
    SparkSubmission submission = new SparkSubmission(SparkMaster.parse("local[2]"), DeployMode.CLIENT, "p-s-r1",
        "com.acme.Main", "/app/app.jar", List.of("/lib/a.jar", "/lib/b.jar"), List.of("--spec", "file:///s p.json"),
        conf.entries(), conf.warnings());

    SparkOutcome outcome = SparkSubmitter.submit(submission, home, Map.of("STEPWISE_TOKEN", "tok-123"),
        new CollectedLog(), Optional.empty(), dir.resolve("scratch")).awaitOutcome();

    assertEquals(0, outcome.exitCode());
    List<String> actual = Arrays.asList(Files.readString(home.resolve("argv"), StandardCharsets.UTF_8).split("\0"));
    int props = actual.indexOf("--properties-file");
    assertTrue(props > 0, actual.toString());
    List<String> expected = submission.toArgv(home.resolve("bin/spark-submit").toString(), actual.get(props + 1));
    assertEquals(expected.subList(1, expected.size()), actual);
    assertTrue(actual.stream().noneMatch(a -> a.contains("very-secret") || a.contains("tok-123")), "no secret in argv");
    assertTrue(Files.readString(home.resolve("env")).contains("STEPWISE_TOKEN=tok-123"), "environment reaches the child");
  }

  @Test
  void badConfigsAreRefusedBeforeAnythingIsLaunched() throws Exception {
    Path home = recordingSparkHome();
    for (SparkStepOperatorConfig bad : List.of(
        new SparkStepOperatorConfig("mesos://h:5050", "client", Map.of(), home.toString(), null),
        new SparkStepOperatorConfig("local[2]", "cluster", Map.of(), home.toString(), null),
        new SparkStepOperatorConfig("local[2]", "client", Map.of("executor.memory", "4g"), home.toString(), null))) {
      SparkStepOperator operator = new SparkStepOperator("spark_ops", bad, SparkTestFixtures.cache(), Map.of());
      var step = SparkSubmissionPlannerTest.step(null, null);
      StepRunInfo info = new StepRunInfo("r1", "p", "countWords", step, dir.resolve("spec.json").toUri(),
          dir.resolve("result.json").toUri(), new ResolvedStack(new StackView("s", Map.of()), Map.of()),
          new LocalArtifactStore(dir.resolve("store")), new CollectedLog());
      EntrypointCommand command = new EntrypointCommand(EntrypointCommand.currentJava(), List.of(),
          List.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator)),
          "dev.stepwise.spark.fixtures.SparkSteps_CountEvensStepEntrypoint", List.of("--spec", "x"), Map.of());
      StepLaunchException e = assertThrows(StepLaunchException.class, () -> operator.launch(info, command));
      assertTrue(e.getMessage().contains("cannot run on Spark step operator 'spark_ops'"), e.getMessage());
      assertTrue(e.getMessage().contains("spark://host:port") || e.getMessage().contains("set deploy_mode to 'client'")
          || e.getMessage().contains("is not a Spark property"), e.getMessage());
      assertTrue(Files.notExists(home.resolve("argv")), "spark-submit was not started for " + bad);
    }
  }
}

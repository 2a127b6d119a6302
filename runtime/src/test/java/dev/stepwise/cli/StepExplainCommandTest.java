package dev.stepwise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.stack.StepwiseEnvironment;
import dev.stepwise.support.JsonCodec;
import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code stepwise step explain} through Main, with a spark step operator registered on a temporary config dir. */
class StepExplainCommandTest {
  private static Path cache;
  @TempDir Path config;

  @BeforeAll
  static void privateCache() throws Exception {
    cache = Files.createTempDirectory("stepwise-explain-cache");
    System.setProperty("stepwise.cacheDir", cache.toString());
  }

  @AfterAll
  static void restoreCache() {
    System.clearProperty("stepwise.cacheDir");
  }

  record Result(int code, String out, String err) {}

  Result stepwise(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    StepwiseEnvironment environment =
        new StepwiseEnvironment(Map.of(StepwiseEnvironment.CONFIG_DIR_VARIABLE, config.toString()), config, config);
    int code = Main.run(environment, new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Result(code, out.toString(), err.toString());
  }

  void registerSparkStack() {
    Result op = stepwise("step-operator", "register", "spark_ops", "--flavor=spark", "--master=local[2]",
        "--deploy_mode=client", "--submit_kwargs={\"spark.sql.shuffle.partitions\": \"4\"}");
    assertEquals(0, op.code(), op.err());
    Result stack = stepwise("stack", "register", "spark_stack", "-o", "default", "-a", "default", "-s", "spark_ops");
    assertEquals(0, stack.code(), stack.err());
  }

  static String classpath() {
    return System.getProperty("java.class.path");
  }

  @Test
  void explainPrintsArgvAndSourcesWithoutLaunching() throws Exception {
    // a Spark home whose spark-submit leaves a mark: a launch that already exited is still seen
    Path sparkHome = config.resolve("recording-spark-home");
    Path launched = config.resolve("spark-submit-was-run");
    Path submit = Files.createDirectories(sparkHome.resolve("bin")).resolve("spark-submit");
    Files.writeString(submit, "#!/bin/sh\necho \"$@\" >> '" + launched + "'\n");
    assertTrue(submit.toFile().setExecutable(true));
    Result op = stepwise("step-operator", "register", "spark_ops", "--flavor=spark", "--master=local[2]",
        "--deploy_mode=client", "--submit_kwargs={\"spark.sql.shuffle.partitions\": \"4\"}",
        "--spark_home=" + sparkHome);
    assertEquals(0, op.code(), op.err());
    Result stack = stepwise("stack", "register", "spark_stack", "-o", "default", "-a", "default", "-s", "spark_ops");
    assertEquals(0, stack.code(), stack.err());

    Result r = stepwise("step", "explain", "countEvens", "--classpath", classpath(), "--stack", "spark_stack");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("--class dev.stepwise.spark.fixtures.SparkSteps_CountEvensStepEntrypoint"), r.out());
    // countEvens asks 512MiB in @ResourceSettings and driverMemory = "512m": the same value, no warning
    assertTrue(r.out().matches("(?s).*spark\\.driver\\.memory\\s+= 512m  \\[@SparkStepOperatorSettings\\].*"), r.out());
    assertFalse(r.out().contains("is overridden"), r.out());
    assertTrue(r.out().matches("(?s).*spark\\.ui\\.enabled\\s+= false  \\[@SparkStepOperatorSettings\\].*"), r.out());
    assertTrue(r.out().matches("(?s).*spark\\.sql\\.shuffle\\.partitions\\s+= 4  \\[component\\].*"), r.out());
    assertTrue(ProcessHandle.current().children().findAny().isEmpty(), "explain left a process running");
    assertFalse(Files.exists(launched), "explain ran spark-submit");
  }

  @Test
  void explainJsonHasArgvAndConf() throws Exception {
    registerSparkStack();
    Result r = stepwise("step", "explain", "dev.stepwise.spark.fixtures.SparkSteps#countEvens",
        "--classpath", classpath(), "--stack", "spark_stack", "--json");
    assertEquals(0, r.code(), r.err());
    JsonNode json = JsonCodec.mapper().readTree(r.out());
    assertEquals("spark-submit", json.path("argv").get(0).asText());
    boolean cores = false;
    for (JsonNode entry : json.path("conf")) {
      // a local master's threads come from cpuCount (0.5 rounds up to local[1])
      cores |= entry.path("key").asText().equals("spark.master") && entry.path("value").asText().equals("local[1]")
          && entry.path("source").asText().equals("@ResourceSettings");
    }
    assertTrue(cores, r.out());
  }

  @Test
  void runOverridesWinAndPlaceholdersAreNamed() {
    registerSparkStack();
    Result r = stepwise("step", "explain", "countEvens", "--classpath", classpath(), "--stack", "spark_stack",
        "--pipeline", "numbers", "--conf", "spark.sql.shuffle.partitions=8",
        "--step-conf", "countEvens:spark.executor.memory=2g");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().matches("(?s).*spark\\.sql\\.shuffle\\.partitions\\s+= 8  \\[run override\\].*"), r.out());
    assertTrue(r.out().matches("(?s).*spark\\.executor\\.memory\\s+= 2g  \\[run override\\].*"), r.out());
    assertTrue(r.out().contains("--name numbers-countevens-run-id"), r.out());
    assertTrue(r.out().contains("--spec '<artifact-store>/runs/<run-id>/steps/countEvens/spec.json'"), r.out());
    assertTrue(r.out().contains("Placeholders (no run exists yet; a launch fills them in):"), r.out());
    assertTrue(r.out().contains("<artifact-store>  the root URI of the stack's artifact store"), r.out());

    Result badKey = stepwise("step", "explain", "countEvens", "--classpath", classpath(), "--stack", "spark_stack",
        "--conf", "spark.executor memory=2g");
    assertEquals(ExitCodes.USER_ERROR, badKey.code());
    assertTrue(badKey.err().contains("is not a Spark property"), badKey.err());
    Result otherStep = stepwise("step", "explain", "countEvens", "--classpath", classpath(), "--stack", "spark_stack",
        "--step-conf", "train:spark.executor.memory=2g");
    assertEquals(ExitCodes.USER_ERROR, otherStep.code());
    assertTrue(otherStep.err().contains("use --step-conf countEvens:spark.key=value"), otherStep.err());
  }

  @Test
  void unknownStepListsTheKnownOnes() {
    Result r = stepwise("step", "explain", "nope", "--classpath", classpath());
    assertEquals(ExitCodes.USER_ERROR, r.code());
    assertTrue(r.err().contains("no step 'nope'")
        && r.err().contains("countEvens (dev.stepwise.spark.fixtures.SparkSteps#countEvens)"), r.err());
  }

  @Test
  void stackWithAnotherSparkOperatorSaysWhichStackToUse() {
    // the default stack carries local_spark; the step names spark_ops
    Result r = stepwise("step", "explain", "countEvens", "--classpath", classpath());
    assertEquals(ExitCodes.USER_ERROR, r.code());
    // the same words as pipeline run's refusal: one match decides both
    assertTrue(r.err().contains("needs step operator 'spark_ops' but stack 'default' does not have it"
        + " (available step operators: 'local_spark' (flavor spark))") && r.err().contains("--stack"), r.err());
  }

  @Test
  void badSparkConfigIsRefusedAtRegistration() {
    Result r = stepwise("step-operator", "register", "bad", "--flavor=spark", "--master=mesos://h:5050");
    assertEquals(ExitCodes.USER_ERROR, r.code(), r.out());
    assertTrue(r.err().contains("spark://host:port"), r.err());
    Result cluster = stepwise("step-operator", "register", "bad2", "--flavor=spark", "--master=local[2]");
    assertTrue(cluster.err().contains("set deploy_mode to 'client'"), cluster.err());
    Result kwargs = stepwise("step-operator", "register", "bad3", "--flavor=spark", "--master=local",
        "--deploy_mode=client", "--submit_kwargs={not json");
    assertEquals(ExitCodes.USER_ERROR, kwargs.code());
    assertTrue(kwargs.err().contains("submit_kwargs"), kwargs.err());
  }

  @Test
  void emptyClasspathSaysToBuild() throws Exception {
    Result r = stepwise("step", "explain", "countEvens", "--classpath", Files.createTempDirectory("empty") + File.pathSeparator);
    assertEquals(ExitCodes.USER_ERROR, r.code());
    assertTrue(r.err().contains("mvn package"), r.err());
  }
}

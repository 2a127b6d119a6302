package dev.stepwise.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.step.StepMetadata;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SparkSubmissionPlannerTest {
  private static final Path GPU_SCRIPT = Path.of("/cache/stepwise/gpu-discovery.sh");

  static StepMetadata step(StepMetadata.Resources resources, StepMetadata.Spark spark) {
    return new StepMetadata("countWords", "com.acme.WordCount", "countWords",
        "com.acme.WordCount_CountWordsStepEntrypoint", "com.acme.WordCountSteps", "spark_step_operator",
        resources, spark, List.of(), "java.lang.Long");
  }

  static SparkSubmission plan(StepMetadata step, SparkStepOperatorConfig config, Map<String, String> overrides) {
    SparkStepRequest request = new SparkStepRequest("Word Count", "RUN_42", step, "/app/app.jar",
        List.of("/app/lib/a.jar"), List.of("--spec", "file:///store/spec.json"), overrides);
    return SparkSubmissionPlanner.forConfig(config, () -> GPU_SCRIPT).plan(request, step.entrypointClass());
  }

  static SparkSubmission plan(StepMetadata step) {
    // a cluster master, where @ResourceSettings size the executors (a local master sizes the driver)
    return plan(step, SparkStepOperatorConfig.of("yarn", "client"), Map.of());
  }

  static StepMetadata.Resources memory(String memory) {
    return new StepMetadata.Resources(0, 0, memory);
  }

  @Test
  void siMemoryIsConvertedAndRoundedUpToWholeMebibytes() {
    assertEquals("3815m", plan(step(memory("4GB"), null)).value("spark.executor.memory").orElseThrow());
  }

  @Test
  void binaryMemoryUsesTheLargestExactUnit() {
    assertEquals("4g", plan(step(memory("4GiB"), null)).value("spark.executor.memory").orElseThrow());
    assertEquals("512m", plan(step(memory("512MiB"), null)).value("spark.executor.memory").orElseThrow());
    assertEquals("1m", SparkMemory.fromResourceSize("1KB"));
    assertEquals("1m", SparkMemory.fromResourceSize("1024KiB"));
    assertEquals("2t", SparkMemory.fromResourceSize("2TiB"));
    assertEquals("1907349m", SparkMemory.fromResourceSize("2TB"));
    assertEquals("3p", SparkMemory.fromResourceSize("3PiB"));
    assertEquals("1024p", SparkMemory.fromResourceSize("1024PiB"));
    assertEquals("512m", plan(step(memory("512MiB"), null)).value("spark.executor.memory").orElseThrow());
  }

  @Test
  void badMemoryIsRefusedWithTheAcceptedUnits() {
    var e = assertThrows(IllegalArgumentException.class, () -> plan(step(memory("4gb"), null)));
    assertTrue(e.getMessage().contains("KiB"), e.getMessage());
  }

  @Test
  void fractionalCpuIsRoundedUpAndNeverZero() {
    var half = new StepMetadata.Resources(0.5, 0, "");
    var oneAndHalf = new StepMetadata.Resources(1.5, 0, "");
    assertEquals("1", plan(step(half, null)).value("spark.executor.cores").orElseThrow());
    assertEquals("2", plan(step(oneAndHalf, null)).value("spark.executor.cores").orElseThrow());
    assertEquals("0.5", ResourceConfiguration.exactCores(half).orElseThrow().toPlainString());
    assertEquals("1.5", ResourceConfiguration.exactCores(oneAndHalf).orElseThrow().toPlainString());
    assertEquals("2", plan(step(new StepMetadata.Resources(2, 0, ""), null)).value("spark.executor.cores").orElseThrow());
  }

  @Test
  void gpusSetExecutorAndTaskAmountsAndTheDiscoveryScript() {
    SparkSubmission s = plan(step(new StepMetadata.Resources(0, 1, ""), null));
    assertEquals("1", s.value("spark.executor.resource.gpu.amount").orElseThrow());
    assertEquals("1", s.value("spark.task.resource.gpu.amount").orElseThrow());
    assertEquals(GPU_SCRIPT.toString(), s.value("spark.executor.resource.gpu.discoveryScript").orElseThrow());
    assertEquals(ConfSource.RESOURCE_SETTINGS, s.entry("spark.task.resource.gpu.amount").orElseThrow().source());
  }

  @Test
  void driverSettingsAndExecutorInstancesComeFromSparkSettings() {
    var spark = new StepMetadata.Spark("", List.of(), 2, "2GiB", 3);
    SparkSubmission s = plan(step(null, spark));
    assertEquals("2", s.value("spark.driver.cores").orElseThrow());
    assertEquals("2g", s.value("spark.driver.memory").orElseThrow());
    assertEquals("3", s.value("spark.executor.instances").orElseThrow());
    assertEquals(ConfSource.SPARK_SETTINGS, s.entry("spark.executor.instances").orElseThrow().source());
  }

  @Test
  void submitArgsOverrideAMappedKeyWithAWarningNamingBothSources() {
    var spark = new StepMetadata.Spark("", List.of("spark.executor.memory=6g"), 0, "", 0);
    SparkSubmission s = plan(step(memory("4GiB"), spark));
    SparkConfEntry entry = s.entry("spark.executor.memory").orElseThrow();
    assertEquals("6g", entry.value());
    assertEquals(ConfSource.SPARK_SETTINGS, entry.source());
    assertEquals(List.of("spark.executor.memory set by @ResourceSettings to '4g' is overridden by "
        + "@SparkStepOperatorSettings with '6g'"), s.warnings());
  }

  @Test
  void precedenceIsComponentThenStepThenRunOverride() {
    var config = new SparkStepOperatorConfig("local[2]", "client",
        Map.of("spark.executor.instances", "1", "spark.sql.shuffle.partitions", "4"), null, null);
    var spark = new StepMetadata.Spark("", List.of("spark.executor.instances=2"), 0, "", 0);
    SparkSubmission s = plan(step(null, spark), config, Map.of("spark.executor.instances", "5"));
    assertEquals("5", s.value("spark.executor.instances").orElseThrow());
    assertEquals(ConfSource.RUN_OVERRIDE, s.entry("spark.executor.instances").orElseThrow().source());
    assertEquals(ConfSource.COMPONENT, s.entry("spark.sql.shuffle.partitions").orElseThrow().source());
    assertEquals(2, s.warnings().size(), s.warnings().toString());
  }

  @Test
  void componentSubmitKwargsNeverOverrideTheStepsOwnSettings() {
    var config = new SparkStepOperatorConfig("yarn", "client", Map.of("spark.executor.memory", "1g"), null, null);
    SparkSubmission s = plan(step(memory("4GiB"), null), config, Map.of());
    assertEquals("4g", s.value("spark.executor.memory").orElseThrow());
    assertEquals(List.of("spark.executor.memory from component ('1g') is not used: @ResourceSettings sets '4g'"),
        s.warnings());
  }

  @Test
  void argvIsExactAndOrdered() {
    SparkSubmission s = plan(step(memory("4GiB"), null));
    assertEquals(List.of("spark-submit", "--master", "yarn", "--deploy-mode", "client",
        "--name", "word-count-countwords-run-42",
        "--conf", "spark.stepwise.pipeline=Word Count", "--conf", "spark.stepwise.step=countWords",
        "--conf", "spark.stepwise.run-id=RUN_42", "--conf", "spark.driver.extraClassPath=/app/lib/a.jar",
        "--conf", "spark.executor.memory=4g", "--jars", "/app/lib/a.jar",
        "--class", "com.acme.WordCount_CountWordsStepEntrypoint",
        "/app/app.jar", "--spec", "file:///store/spec.json"), s.toArgv());
  }

  @Test
  void jarsAreShippedOnlyWhereExecutorsRunOutsideTheDriver() {
    SparkSubmission local = plan(step(memory("4GiB"), null), SparkStepOperatorConfig.of("local[2]", "client"), Map.of());
    assertFalse(local.toArgv().contains("--jars"), "local: the driver's class path serves its executor");
    SparkSubmission standalone = plan(step(memory("4GiB"), null),
        new SparkStepOperatorConfig("spark://127.0.0.1:7077", "client", Map.of(), null, null), Map.of());
    List<String> argv = standalone.toArgv();
    assertEquals("/app/lib/a.jar", argv.get(argv.indexOf("--jars") + 1), "standalone executors fetch them");
  }

  @Test
  void aStandaloneClusterDriverGetsSparksModuleOptionsAfterTheUsersOwn() {
    SparkStepOperatorConfig cluster = new SparkStepOperatorConfig("spark://127.0.0.1:7077", "cluster", Map.of(), null, null);
    SparkSubmission bare = plan(step(memory("1GiB"), null), cluster, Map.of());
    SparkConfEntry added = entry(bare, "spark.driver.extraJavaOptions");
    assertEquals(org.apache.spark.launcher.JavaModuleOptions.defaultModuleOptions(), added.value());
    assertTrue(added.value().contains("--add-opens=java.base/java.nio=ALL-UNNAMED"), added.value());
    assertEquals("backend:standalone", added.source().label());

    SparkSubmission withUsers = plan(step(memory("1GiB"), null), cluster,
        Map.of("spark.driver.extraJavaOptions", "-Dmine=1"));
    SparkConfEntry appended = entry(withUsers, "spark.driver.extraJavaOptions");
    assertEquals("-Dmine=1 " + org.apache.spark.launcher.JavaModuleOptions.defaultModuleOptions(), appended.value());
    assertEquals("run override + backend:standalone", appended.source().label());

    SparkSubmission client = plan(step(memory("1GiB"), null),
        new SparkStepOperatorConfig("spark://127.0.0.1:7077", "client", Map.of(), null, null), Map.of());
    assertTrue(client.value("spark.driver.extraJavaOptions").isEmpty(), "spark-submit's launcher adds them in client mode");
  }

  private static SparkConfEntry entry(SparkSubmission submission, String key) {
    return submission.conf().stream().filter(e -> e.key().equals(key)).findFirst().orElseThrow(() ->
        new AssertionError(key + " is not set: " + submission.conf()));
  }

  @Test
  void secretsAreMaskedAndKeptOffTheCommandLine() {
    SparkConfBuilder conf = new SparkConfBuilder();
    conf.setSecret("spark.hadoop.fs.s3a.secret.key", "hunter2", ConfSource.layer("io", "s3"));
    conf.set("spark.hadoop.fs.s3a.secret.key", "other", ConfSource.RUN_OVERRIDE);
    SparkConfEntry entry = conf.entries().get(0);
    assertTrue(entry.secret());
    assertEquals("***", entry.shownValue());
    assertFalse(conf.warnings().get(0).contains("hunter2"));
    SparkSubmission s = new SparkSubmission(SparkMaster.parse("local"), DeployMode.CLIENT, "a", "Main", "app.jar",
        List.of(), List.of(), conf.entries(), conf.warnings());
    assertFalse(String.join(" ", s.toArgv()).contains("other"));
    assertFalse(String.join(" ", s.toArgv()).contains("secret.key"), "secret keys go to the driver's environment");
    assertTrue(SecretSparkConf.environment(s).get(SecretSparkConf.ENVIRONMENT_VARIABLE).contains("other"));
  }

  @Test
  void appNameIsDnsSafeAndKeepsTheRunId() {
    assertEquals("word-count-count-words-abc-123", SparkAppName.of("Word Count", "count_words", "ABC.123"));
  }

  @Test
  void onALocalMasterResourcesSizeTheDriverAndItsThreads() {
    SparkSubmission s = plan(step(memory("4GiB"), null), SparkStepOperatorConfig.of("local[*]", "client"), Map.of());
    assertEquals("4g", s.value("spark.driver.memory").orElseThrow());
    assertEquals(ConfSource.RESOURCE_SETTINGS, s.entry("spark.driver.memory").orElseThrow().source());
    assertTrue(s.entry("spark.executor.memory").isEmpty(), s.conf().toString());
    assertEquals("local[*]", s.master().url(), "no cpuCount: the stack's threads");
  }

  @Test
  void aLongAppNameIsCutBetweenWordsAndStaysUniquePerRun() {
    String runA = "0f8fad5b-d9cb-469f-a165-70867728950e";
    String runB = "0f8fad5b-d9cb-469f-a165-70867728950f";
    String a = SparkAppName.of("nightly_customer_churn_training", "evaluate_gradient_boosted_model", runA);
    String b = SparkAppName.of("nightly_customer_churn_training", "evaluate_gradient_boosted_model", runB);
    assertTrue(a.length() <= 63, a);
    assertTrue(a.matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?"), a);
    assertNotEquals(a, b, "two runs of the same step share an app name");
    // every part before the hash is a whole word of pipeline-step-run id, none cut in the middle
    String words = a.substring(0, a.lastIndexOf('-'));
    List<String> whole = List.of(("nightly-customer-churn-training-evaluate-gradient-boosted-model-" + runA).split("-"));
    for (String word : words.split("-")) {
      assertTrue(whole.contains(word), "'" + word + "' of " + a + " is cut mid-word");
    }
    assertTrue(a.startsWith("nightly-customer-churn-training-evaluate-gradient-"), a);
    String longWord = SparkAppName.of("p".repeat(80), "step", runA);
    assertTrue(longWord.length() <= 63 && !longWord.isEmpty(), longWord);
  }

  @Test
  void stepDeployModeClusterOnLocalMasterIsRefused() {
    var spark = new StepMetadata.Spark("cluster", List.of(), 0, "", 0);
    var e = assertThrows(IllegalArgumentException.class,
        () -> plan(step(null, spark), SparkStepOperatorConfig.of("local[2]", "client"), Map.of()));
    assertTrue(e.getMessage().contains("'client'"), e.getMessage());
  }

  @Test
  void malformedSubmitArgIsRefused() {
    var spark = new StepMetadata.Spark("", List.of("executor.memory 4g"), 0, "", 0);
    var e = assertThrows(IllegalArgumentException.class, () -> plan(step(null, spark)));
    assertTrue(e.getMessage().contains("spark.executor.instances"), e.getMessage());
  }
}

package dev.stepwise.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.spark.SparkTestFixtures.CollectedLog;
import dev.stepwise.support.DirectoryTrees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Spark submitter against a real standalone master and worker, in client and cluster mode. */
class StandaloneClusterTest {
  private static Path dir;
  private static StandaloneSparkCluster cluster;

  @BeforeAll
  static void startCluster() throws Exception {
    dir = Files.createTempDirectory("stepwise-standalone");
    cluster = StandaloneSparkCluster.start(SparkTestFixtures.sparkHome(), dir);
  }

  @AfterAll
  static void stopCluster() throws Exception {
    List<Long> pids = cluster.pids();
    cluster.close();
    for (long pid : pids) {
      assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "cluster process " + pid + " survived");
    }
    DirectoryTrees.delete(dir);
  }

  static SparkSubmission submission(DeployMode mode) {
    return submission(mode, "dev.stepwise.spark.apps.CountApp");
  }

  static SparkSubmission submission(DeployMode mode, String mainClass) {
    SparkConfBuilder conf = new SparkConfBuilder();
    new StandaloneBackend().apply(null, null, conf);
    conf.set("spark.ui.enabled", "false", ConfSource.COMPONENT);
    conf.set("spark.executor.memory", "512m", ConfSource.RESOURCE_SETTINGS);
    conf.set("spark.executor.cores", "1", ConfSource.RESOURCE_SETTINGS);
    conf.set("spark.driver.memory", "512m", ConfSource.SPARK_SETTINGS);
    return new SparkSubmission(SparkMaster.parse(cluster.masterUrl()), mode, "standalone-" + mode.id(),
        mainClass, SparkTestFixtures.testAppsJar().toString(), List.of(),
        List.of(mode.id()), conf.entries(), conf.warnings());
  }

  static SparkOutcome run(DeployMode mode, CollectedLog log) throws Exception {
    return run(submission(mode), log);
  }

  static SparkOutcome run(SparkSubmission submission, CollectedLog log) throws Exception {
    return SparkSubmitter.submit(submission, SparkTestFixtures.sparkHome(), Map.of(), log, Optional.empty(),
        dir.resolve("scratch")).awaitOutcome();
  }

  @Test
  void clientModeRunsTheDriverHereAndExecutorsOnTheWorker() throws Exception {
    CollectedLog log = new CollectedLog();
    SparkOutcome outcome = run(DeployMode.CLIENT, log);
    assertEquals(SparkStepState.SUCCEEDED, outcome.state(), String.join("\n", log.lines));
    assertTrue(log.contains("count=50000 arg=client"), String.join("\n", log.lines));
    assertTrue(outcome.appId().orElseThrow().startsWith("app-"), outcome.appId().toString());
  }

  @Test
  void clusterModeRunsTheDriverInsideTheWorker() throws Exception {
    CollectedLog log = new CollectedLog();
    SparkOutcome outcome = run(DeployMode.CLUSTER, log);
    assertEquals(SparkStepState.SUCCEEDED, outcome.state(), outcome.reason() + "\n" + String.join("\n", log.lines));
    try (Stream<Path> files = Files.walk(cluster.workDir())) {
      List<Path> driverOut = files.filter(p -> p.getFileName().toString().equals("stdout")
          && p.getParent().getFileName().toString().startsWith("driver-")).toList();
      boolean ranInWorker = false;
      for (Path out : driverOut) {
        ranInWorker |= Files.readString(out).contains("count=50000 arg=cluster");
      }
      assertTrue(ranInWorker, "the driver's output is in a driver directory of the worker: " + driverOut);
    }
  }

  @Test
  void aFailedClusterModeDriverFailsTheStepThoughSparkSubmitExitsZero() throws Exception {
    CollectedLog log = new CollectedLog();
    SparkOutcome outcome = run(submission(DeployMode.CLUSTER, "dev.stepwise.spark.apps.FailingApp"), log);
    assertEquals(SparkStepState.FAILED, outcome.state(), String.join("\n", log.lines));
    assertEquals(0, outcome.exitCode(), "Spark's standalone client exits 0 even for a failed driver");
    assertTrue(outcome.reason().matches("the cluster-mode driver driver-\\S+ ended FAILED"), outcome.reason());
  }
}

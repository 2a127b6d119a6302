package dev.stepwise.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.artifact.LocalArtifactStore;
import dev.stepwise.orchestrator.RunRecord;
import dev.stepwise.orchestrator.RunState;
import dev.stepwise.orchestrator.RunStore;
import dev.stepwise.spark.fixtures.SparkMlPipeline;
import dev.stepwise.support.DirectoryTrees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A user's path to a standalone cluster: a master and worker started with the sbin scripts of the
 * Spark home {@code stepwise spark-home} prints, then a Spark ML step (a logistic regression fit
 * whose model is the step's output) run in cluster mode through {@code stepwise pipeline run}.
 * The worker launches the driver and the executors from that home, so it needs the Scala version,
 * MLlib on the system class path, and the driver's module options for Kryo.
 */
class StandaloneMlClusterTest {
  private static Path dir;
  private static StandaloneSparkCluster cluster;

  @BeforeAll
  static void startCluster() throws Exception {
    dir = Files.createTempDirectory("stepwise-standalone-ml");
    Process home = cli("spark-home.log", "spark-home");
    assertTrue(home.waitFor(120, TimeUnit.SECONDS), "stepwise spark-home did not return");
    assertEquals(0, home.exitValue(), read("spark-home.log"));
    Path sparkHome = Path.of(read("spark-home.log").strip());
    assertEquals(SparkTestFixtures.sparkHome(), sparkHome, "the CLI prints the home steps use");
    cluster = StandaloneSparkCluster.start(sparkHome, dir.resolve("cluster"));
  }

  @AfterAll
  static void stopCluster() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
    DirectoryTrees.delete(dir);
  }

  @Test
  void anMlStepRunsInClusterModeOnAClusterStartedFromTheHome() throws Exception {
    ok("operator.log", "step-operator", "register", "standalone_spark", "--flavor=spark",
        "--master=" + cluster.masterUrl(), "--deploy_mode=cluster");
    ok("stack.log", "stack", "register", "ml_stack", "-o", "default", "-a", "default", "-s", "standalone_spark");

    Process run = cli("run.log", "pipeline", "run", SparkMlPipeline.class.getName(), "--stack", "ml_stack");
    assertTrue(run.waitFor(300, TimeUnit.SECONDS), "the pipeline did not end: " + read("run.log"));
    RunRecord record = new RunStore(new LocalArtifactStore(dir.resolve("config").resolve("artifacts")))
        .list().get(0);
    assertEquals(RunState.COMPLETED, record.state(), read("run.log") + "\n" + record + "\n" + driverOutput());
    assertEquals(0, run.exitValue(), read("run.log"));
  }

  private static void ok(String log, String... args) throws Exception {
    Process p = cli(log, args);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), String.join(" ", args) + " did not return");
    assertEquals(0, p.exitValue(), String.join(" ", args) + ": " + read(log));
  }

  /** {@code stepwise ARGS} as its own JVM, on this test's class path, with the Spark tests' cache and no SPARK_*. */
  private static Process cli(String log, String... args) throws Exception {
    ProcessBuilder builder = CliJvm.builder(dir.resolve("config"), args)
        .redirectErrorStream(true).redirectOutput(dir.resolve(log).toFile());
    builder.environment().keySet().removeIf(key -> key.startsWith("SPARK_"));
    return builder.start();
  }

  /** The cluster-mode driver's stderr from the worker, for a failure message. */
  private static String driverOutput() {
    try (var files = Files.walk(cluster.workDir())) {
      StringBuilder text = new StringBuilder();
      for (Path p : files.filter(p -> p.getFileName().toString().equals("stderr")).toList()) {
        String content = Files.readString(p);
        text.append(p).append(":\n").append(content, Math.max(0, content.length() - 4000), content.length()).append('\n');
      }
      return text.toString();
    } catch (Exception e) {
      return "(no driver output: " + e + ")";
    }
  }

  private static String read(String log) {
    try {
      return Files.readString(dir.resolve(log));
    } catch (Exception e) {
      return "(no " + log + ")";
    }
  }
}

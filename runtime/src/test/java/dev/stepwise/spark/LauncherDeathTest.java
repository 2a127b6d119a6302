package dev.stepwise.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.artifact.LocalArtifactStore;
import dev.stepwise.cli.Main;
import dev.stepwise.operator.StepState;
import dev.stepwise.orchestrator.RunRecord;
import dev.stepwise.orchestrator.RunStore;
import dev.stepwise.orchestrator.StepRecord;
import dev.stepwise.stack.StepwiseEnvironment;
import dev.stepwise.support.JsonCodec;
import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A launcher JVM killed with SIGKILL: its launch record says so, the orphaned spark-submit is
 * killed, and the next {@code run describe} records the step FAILED with the reason.
 */
class LauncherDeathTest {
  @TempDir Path dir;

  @Test
  void aDeadLauncherIsDetectedAndItsOrphanKilled() throws Exception {
    Path recordFile = dir.resolve("launch.json");
    Process launcher = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), OrphanLauncherMain.class.getName(), recordFile.toString(),
        SparkTestFixtures.cache().path().toString(), SparkTestFixtures.testAppsJar().toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("launcher.log").toFile()).start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
      while (!Files.exists(recordFile)) {
        assertTrue(launcher.isAlive() && System.nanoTime() < deadline,
            () -> "the launcher never recorded a running app: " + read(dir.resolve("launcher.log")));
        Thread.sleep(200);
      }
      SparkLaunchRecord record = JsonCodec.mapper().readValue(recordFile.toFile(), SparkLaunchRecord.class);
      assertTrue(record.vanishedReason().isEmpty(), "the launcher is alive");

      launcher.destroyForcibly().waitFor();

      String reason = record.vanishedReason().orElseThrow();
      assertTrue(reason.contains("launching JVM (pid " + launcher.pid() + ") died"), reason);
      assertTrue(reason.contains("left running"), "SIGKILL leaves spark-submit orphaned: " + reason);
      assertTrue(record.killOrphan(), "the orphan was killed");
      assertFalse(ProcessHandle.of(record.childPid()).map(ProcessHandle::isAlive).orElse(false));
      assertTrue(record.vanishedReason().orElseThrow().contains("is gone too"));
    } finally {
      launcher.destroyForcibly();
    }
  }

  @Test
  void runDescribeFailsTheSparkStepOfAKilledOrchestratorAndKillsItsDriver() throws Exception {
    Path config = dir.resolve("config");
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dstepwise.cacheDir=" + SparkTestFixtures.cache().path(),
        "-cp", System.getProperty("java.class.path"), OrphanPipelineMain.class.getName())
        .redirectErrorStream(true).redirectOutput(dir.resolve("orchestrator.log").toFile());
    builder.environment().put(StepwiseEnvironment.CONFIG_DIR_VARIABLE, config.toString());
    Process orchestrator = builder.start();
    try {
      RunStore runs = new RunStore(new LocalArtifactStore(config.resolve("artifacts")));
      String runId = awaitSleepingSparkStep(runs, orchestrator);
      List<ProcessHandle> sparkJvms = orchestrator.descendants().toList();
      assertFalse(sparkJvms.isEmpty(), "spark-submit runs as a child of the orchestrator");

      orchestrator.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, the record says RUNNING
      assertTrue(sparkJvms.stream().anyMatch(ProcessHandle::isAlive), "SIGKILL leaves the Spark driver orphaned");

      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      StepwiseEnvironment cli = new StepwiseEnvironment(
          Map.of(StepwiseEnvironment.CONFIG_DIR_VARIABLE, config.toString()), dir, dir);
      int code = Main.run(cli, new PrintWriter(out, true), new PrintWriter(err, true), "run", "describe", runId);

      assertEquals(0, code, err.toString());
      assertTrue(out.toString().contains("State:    FAILED"), out.toString());
      assertTrue(out.toString().matches("(?s).*sleepInSpark +FAILED .*launching JVM \\(pid " + orchestrator.pid()
          + "\\) died while .*Spark application.* ran.*has been killed.*"), out.toString());
      for (ProcessHandle jvm : sparkJvms) {
        jvm.onExit().get(10, TimeUnit.SECONDS);
      }
      StepRecord step = runs.describe(runId).orElseThrow().step("sleepInSpark").orElseThrow();
      assertEquals(StepState.FAILED, step.state(), "the closed record was written back");
      assertTrue(step.error().orElseThrow().message().contains("has been killed"), step.toString());
    } finally {
      orchestrator.descendants().forEach(ProcessHandle::destroyForcibly);
      orchestrator.destroyForcibly();
    }
  }

  private String awaitSleepingSparkStep(RunStore runs, Process orchestrator) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline && orchestrator.isAlive()) {
      List<RunRecord> all = runs.list();
      if (!all.isEmpty() && runs.logs(all.get(0).runId(), Optional.of("sleepInSpark")).contains("sleeping in spark")) {
        return all.get(0).runId();
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the Spark step never started sleeping: " + read(dir.resolve("orchestrator.log")));
  }

  private static String read(Path file) {
    try {
      List<String> lines = Files.readAllLines(file);
      return String.join(File.separator.equals("/") ? "\n" : "\r\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (Exception e) {
      return "";
    }
  }
}

package dev.stepwise.spark;

import dev.stepwise.testing.InheritedSigint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.artifact.LocalArtifactStore;
import dev.stepwise.operator.StepState;
import dev.stepwise.orchestrator.RunRecord;
import dev.stepwise.orchestrator.RunState;
import dev.stepwise.orchestrator.RunStore;
import dev.stepwise.spark.fixtures.SparkSleepWithChildPipeline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Spark step on the default stack's {@code local_spark}, stopped the two ways a user stops it,
 * each from a second process: {@code stepwise run cancel RUN_ID} from another shell, and Ctrl-C
 * (SIGINT) to {@code stepwise pipeline run}. Afterwards the whole process tree of the run
 * (spark-submit's JVM and anything it started) is gone and the record says CANCELLED.
 */
class SparkRunStopTest {
  private static final String STEP = "sleepWithChildOnActiveStack";

  @TempDir Path dir;
  /** Every process seen below a pipeline run, so none outlives the test even when a stop fails. */
  private final List<ProcessHandle> seen = new java.util.ArrayList<>();

  @Test
  void runCancelFromAnotherProcessStopsTheSparkStepAndItsProcessTree() throws Exception {
    Process pipeline = cli("pipeline-run.log", "pipeline", "run", SparkSleepWithChildPipeline.class.getName());
    try {
      String runId = awaitSleeping(pipeline);
      List<ProcessHandle> tree = sparkTree(pipeline);

      Process cancel = cli("cancel.log", "run", "cancel", runId, "--wait", "120");
      assertTrue(cancel.waitFor(180, TimeUnit.SECONDS), "run cancel did not return");
      assertEquals(0, cancel.exitValue(), read("cancel.log"));
      assertTrue(read("cancel.log").contains("Run " + runId + " is CANCELLED."), read("cancel.log"));

      assertTrue(pipeline.waitFor(60, TimeUnit.SECONDS), "pipeline run did not end: " + read("pipeline-run.log"));
      assertGone(tree);
      assertCancelled(runId);
    } finally {
      kill(pipeline);
    }
  }

  @Test
  void ctrlCToPipelineRunStopsTheSparkStepAndItsProcessTree() throws Exception {
    Process pipeline = cli("pipeline-run.log", InheritedSigint.restoringPrefix(),
        "pipeline", "run", SparkSleepWithChildPipeline.class.getName());
    try {
      String runId = awaitSleeping(pipeline);
      List<ProcessHandle> tree = sparkTree(pipeline);

      Process interrupt = new ProcessBuilder("kill", "-INT", Long.toString(pipeline.pid())).start();
      assertEquals(0, interrupt.waitFor(), "kill -INT failed");

      assertTrue(pipeline.waitFor(60, TimeUnit.SECONDS), "pipeline run ignored SIGINT: " + read("pipeline-run.log"));
      assertGone(tree);
      assertCancelled(runId);
    } finally {
      kill(pipeline);
    }
  }

  /** {@code stepwise ARGS} as its own JVM, on this test's class path and a config dir of its own. */
  private Process cli(String log, String... args) throws Exception {
    return cli(log, List.of(), args);
  }

  /** As {@link #cli(String, String...)}, started through PREFIX (e.g. one that restores SIGINT). */
  private Process cli(String log, List<String> prefix, String... args) throws Exception {
    ProcessBuilder builder = CliJvm.builder(dir.resolve("config"), args);
    builder.command().addAll(0, prefix);
    return builder.redirectErrorStream(true).redirectOutput(dir.resolve(log).toFile()).start();
  }

  private RunStore runs() {
    return new RunStore(new LocalArtifactStore(dir.resolve("config").resolve("artifacts")));
  }

  private String awaitSleeping(Process pipeline) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    while (System.nanoTime() < deadline && pipeline.isAlive()) {
      List<RunRecord> all = Files.isDirectory(dir.resolve("config").resolve("artifacts")) ? runs().list() : List.of();
      if (!all.isEmpty() && runs().logs(all.get(0).runId(), Optional.of(STEP)).contains("sleeping with a child process")) {
        return all.get(0).runId();
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the Spark step never started sleeping: " + read("pipeline-run.log"));
  }

  /** The run's processes below the CLI: spark-submit's JVM (the client-mode driver) at least. */
  private List<ProcessHandle> sparkTree(Process pipeline) {
    List<ProcessHandle> tree = pipeline.descendants().toList();
    seen.addAll(tree);
    // the JDK reads only the start of a long command line, so look for the JVM, not SparkSubmit
    assertTrue(tree.stream().anyMatch(p -> p.info().command().orElse("").endsWith("/java")),
        "no spark-submit JVM below the pipeline run: " + tree.stream().map(SparkRunStopTest::describe).toList());
    // and the driver's own child: only a stop of the whole tree ends it (killing the JVM orphans it)
    assertTrue(tree.stream().anyMatch(p -> p.info().command().orElse("").endsWith("/sleep")),
        "no child process of the driver below the pipeline run: " + tree.stream().map(SparkRunStopTest::describe)
            .toList());
    return tree;
  }

  private static String describe(ProcessHandle p) {
    return p.pid() + " " + p.info().command().orElse("?");
  }

  private static void assertGone(List<ProcessHandle> tree) throws Exception {
    for (ProcessHandle p : tree) {
      try {
        p.onExit().get(30, TimeUnit.SECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        // reported below with the survivor's command line
      }
      assertFalse(p.isAlive(), "process " + describe(p) + " of the run survived");
    }
  }

  private void assertCancelled(String runId) throws Exception {
    RunRecord record = runs().describe(runId).orElseThrow();
    assertEquals(RunState.CANCELLED, record.state(), record.toString());
    assertEquals(StepState.CANCELLED, record.step(STEP).orElseThrow().state(), record.toString());
  }

  private void kill(Process pipeline) {
    pipeline.descendants().forEach(ProcessHandle::destroyForcibly);
    pipeline.destroyForcibly();
    // survivors a failed stop orphaned are no longer below the pipeline: end them too
    seen.forEach(ProcessHandle::destroyForcibly);
  }

  private String read(String log) {
    try {
      return Files.readString(dir.resolve(log));
    } catch (Exception e) {
      return "(no " + log + ")";
    }
  }
}

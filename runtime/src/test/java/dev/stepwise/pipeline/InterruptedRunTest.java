package dev.stepwise.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.artifact.LocalArtifactStore;
import dev.stepwise.operator.StepState;
import dev.stepwise.orchestrator.RunRecord;
import dev.stepwise.orchestrator.RunState;
import dev.stepwise.orchestrator.RunStore;
import dev.stepwise.support.StepwiseException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl-C (SIGINT/SIGTERM) on the process running a pipeline: step JVMs die, the run is CANCELLED. */
class InterruptedRunTest {
  @TempDir Path artifacts;

  record Started(Process orchestrator, String runId, List<ProcessHandle> stepJvms) {}

  @Test
  void terminatingTheOrchestratorKillsStepJvmsAndRecordsCancelled() throws Exception {
    Started started = start();
    Process orchestrator = started.orchestrator();
    List<ProcessHandle> stepJvms = started.stepJvms();
    String runId = started.runId();
    RunStore runs = new RunStore(new LocalArtifactStore(artifacts));

    orchestrator.toHandle().destroy(); // SIGTERM: the same shutdown path as Ctrl-C

    assertTrue(orchestrator.waitFor(60, TimeUnit.SECONDS), "the orchestrator did not exit");
    for (ProcessHandle p : stepJvms) {
      p.onExit().get(10, TimeUnit.SECONDS);
      assertFalse(p.isAlive(), "step JVM " + p.pid() + " survived");
    }
    RunRecord record = runs.describe(runId).orElseThrow();
    assertEquals(RunState.CANCELLED, record.state());
    assertEquals(StepState.CANCELLED, record.step("sleep").orElseThrow().state());
    assertEquals(StepState.CANCELLED, record.step("sink").orElseThrow().state());
    assertTrue(runs.logs(runId, Optional.of("sleep")).contains("sleeping 120000"));
  }

  @Test
  void killedOrchestratorLeavesNoStepJvmAndReadingTheRunClosesIt() throws Exception {
    Started started = start();
    RunStore runs = new RunStore(new LocalArtifactStore(artifacts));

    started.orchestrator().toHandle().destroyForcibly(); // SIGKILL: no hook runs

    assertTrue(started.orchestrator().waitFor(60, TimeUnit.SECONDS));
    for (ProcessHandle p : started.stepJvms()) {
      p.onExit().get(30, TimeUnit.SECONDS); // the step JVM notices its parent is gone
      assertFalse(p.isAlive(), "step JVM " + p.pid() + " outlived its orchestrator");
    }
    RunRecord closed = runs.describe(started.runId()).orElseThrow();
    assertEquals(RunState.FAILED, closed.state(), "reading a run whose process is gone closes it");
    assertTrue(closed.error().orElseThrow().contains("pid " + started.orchestrator().pid()), closed.toString());
    assertEquals(StepState.FAILED, closed.step("sleep").orElseThrow().state());
    assertTrue(closed.step("sleep").orElseThrow().error().orElseThrow().message()
        .contains("orchestrator process (pid " + started.orchestrator().pid() + " on "), closed.toString());
    assertEquals(StepState.SKIPPED, closed.step("sink").orElseThrow().state());
    assertEquals(closed.error(), runs.describe(started.runId()).orElseThrow().error(), "the closed record was written back");
    StepwiseException ended = org.junit.jupiter.api.Assertions.assertThrows(StepwiseException.class,
        () -> runs.requestCancel(started.runId()));
    assertTrue(ended.getMessage().contains("already FAILED"), ended.getMessage());
  }

  private Started start() throws Exception {
    Process orchestrator = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), SlowPipelineMain.class.getName(), artifacts.toString())
        .redirectErrorStream(true)
        .redirectOutput(artifacts.resolve("orchestrator.log").toFile())
        .start();
    RunStore runs = new RunStore(new LocalArtifactStore(artifacts));
    List<ProcessHandle> stepJvms = List.of();
    String runId = null;
    for (int i = 0; i < 300 && stepJvms.isEmpty(); i++) {
      Thread.sleep(100);
      List<RunRecord> all = runs.list();
      if (!all.isEmpty() && all.get(0).step("sleep").orElseThrow().state() == StepState.RUNNING
          && runs.logs(all.get(0).runId(), Optional.of("sleep")).contains("sleeping")) {
        runId = all.get(0).runId();
        stepJvms = orchestrator.descendants().toList();
      }
    }
    assertFalse(stepJvms.isEmpty(), "the step JVM never started");
    return new Started(orchestrator, runId, stepJvms);
  }
}

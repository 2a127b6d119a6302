package dev.stepwise.orchestrator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.stepwise.artifact.LocalArtifactStore;
import dev.stepwise.pipeline.SlowPipelineMain;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run's process is identified by PID, start time, boot id and PID namespace, so a reader in
 * another PID namespace or facing a reused PID does not declare a live run dead.
 */
class RunLivenessTest {
  @TempDir Path artifacts;

  @Test
  void aReaderInAnotherPidNamespaceSaysUnknownAndTheRunStaysCancellable() throws Exception {
    assumeTrue(unshareWorks(), "this machine does not allow 'unshare --pid --fork --mount-proc'");
    Process orchestrator = java(SlowPipelineMain.class, artifacts.toString())
        .redirectOutput(artifacts.resolve("orchestrator.log").toFile()).start();
    try {
      RunStore runs = new RunStore(new LocalArtifactStore(artifacts));
      String runId = awaitSleeping(runs, orchestrator);

      List<String> command = new java.util.ArrayList<>(List.of("unshare", "--pid", "--fork", "--mount-proc"));
      command.addAll(java(ReadRunMain.class, artifacts.toString(), runId).command());
      Process reader = new ProcessBuilder(command).redirectErrorStream(true).start();
      String seen = new String(reader.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(0, reader.waitFor(), seen);

      assertTrue(seen.contains("STATE RUNNING"), "another namespace must not close a live run: " + seen);
      assertTrue(seen.contains("LIVENESS UNKNOWN") && seen.contains("PID namespace"), seen);
      RunRecord stored = runs.describe(runId).orElseThrow();
      assertEquals(RunState.RUNNING, stored.state(), "nothing was written back: " + stored);
      assertEquals(Liveness.State.ALIVE, stored.liveness().orElseThrow().state(), stored.toString());

      runs.requestCancel(runId); // still cancellable: the reader did not mark it FAILED
      assertTrue(orchestrator.waitFor(60, TimeUnit.SECONDS), "the run did not end on cancel");
      assertEquals(RunState.CANCELLED, runs.describe(runId).orElseThrow().state());
    } finally {
      orchestrator.descendants().forEach(ProcessHandle::destroyForcibly);
      orchestrator.destroyForcibly();
    }
  }

  @Test
  void aReusedPidIsGoneAndARecordFromAnotherNamespaceIsUnknown() throws Exception {
    Process holder = new ProcessBuilder("sleep", "600").start();
    try {
      RunRecord.OrchestratorProcess here = RunRecord.OrchestratorProcess.current();
      long ticks = ProcessIdentity.startTicks(holder.pid()).orElseThrow();
      RunRecord.OrchestratorProcess real = new RunRecord.OrchestratorProcess(here.host(), holder.pid(),
          Optional.of(ticks), here.bootId(), here.pidNamespace());
      assertEquals(Liveness.State.ALIVE, real.liveness().state(), real.liveness().explanation());

      // the recorded process started earlier: its PID now belongs to this 'sleep'
      RunRecord.OrchestratorProcess reused = new RunRecord.OrchestratorProcess(here.host(), holder.pid(),
          Optional.of(ticks - 1), here.bootId(), here.pidNamespace());
      assertEquals(Liveness.State.GONE, reused.liveness().state());
      assertTrue(reused.liveness().explanation().contains("started later"), reused.liveness().explanation());

      RunRecord.OrchestratorProcess elsewhere = new RunRecord.OrchestratorProcess(here.host(), 1,
          Optional.of(1L), here.bootId(), Optional.of("pid:[1]"));
      assertEquals(Liveness.State.UNKNOWN, elsewhere.liveness().state());

      RunRecord.OrchestratorProcess beforeBoot = new RunRecord.OrchestratorProcess(here.host(), holder.pid(),
          Optional.of(ticks), Optional.of("00000000-0000-0000-0000-000000000000"), here.pidNamespace());
      assertEquals(Liveness.State.GONE, beforeBoot.liveness().state());
    } finally {
      holder.destroyForcibly();
    }
  }

  @Test
  void startTimeIsReadPastACommandNameWithSpacesAndParentheses() {
    String stat = "4242 (a (b) c) S 1 4242 4242 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 987654 1000 200";
    assertEquals(Optional.of(987654L), ProcessIdentity.startTicksOf(stat));
  }

  private static boolean unshareWorks() {
    try {
      Process p = new ProcessBuilder("unshare", "--pid", "--fork", "--mount-proc", "true").redirectErrorStream(true).start();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  static ProcessBuilder java(Class<?> main, String... args) {
    List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), main.getName()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true);
  }

  private String awaitSleeping(RunStore runs, Process orchestrator) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline && orchestrator.isAlive()) {
      List<RunRecord> all = runs.list();
      if (!all.isEmpty() && runs.logs(all.get(0).runId(), Optional.of("sleep")).contains("sleeping")) {
        return all.get(0).runId();
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the step never started: " + Files.readString(artifacts.resolve("orchestrator.log")));
  }
}

package dev.stepwise.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.artifact.LocalArtifactStore;
import dev.stepwise.cli.ExitCodes;
import dev.stepwise.fixtures.AwaitFilePipeline;
import dev.stepwise.operator.StepState;
import dev.stepwise.orchestrator.RunRecord;
import dev.stepwise.orchestrator.RunState;
import dev.stepwise.orchestrator.RunStore;
import dev.stepwise.orchestrator.StepAttempt;
import dev.stepwise.orchestrator.StepRecord;
import dev.stepwise.spark.fixtures.ResumePipeline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code stepwise run resume} on the default stack's {@code local_spark}, as a user meets it: the JVM
 * running {@code stepwise pipeline run} is killed with SIGKILL while its second Spark step runs, and
 * every later command comes from another process. The step bodies leave markers, so the bodies that
 * really ran are counted apart from what the record says.
 */
class ResumeLocalSparkTest {
  @TempDir Path dir;
  private final List<Process> started = new ArrayList<>();
  private final List<ProcessHandle> seen = new ArrayList<>();

  @AfterEach
  void killLeftovers() {
    for (Process p : started) {
      p.descendants().forEach(seen::add);
      p.destroyForcibly();
    }
    seen.forEach(ProcessHandle::destroyForcibly);
  }

  @Test
  void afterSigkillTheRecordSaysWhatDiedAndResumeRunsOnlyTheDeadStepAndThoseAfterIt() throws Exception {
    Path marks = Files.createDirectories(dir.resolve("marks"));
    Process run = cli("run.log", "pipeline", "run", ResumePipeline.class.getName());
    String runId = awaitMarker(run, "second");
    List<ProcessHandle> orphans = run.descendants().toList();
    seen.addAll(orphans);
    assertTrue(orphans.stream().anyMatch(ProcessHandle::isAlive), "spark-submit of the second step runs");

    run.destroyForcibly(); // SIGKILL: no hook, no record of the end
    assertTrue(run.waitFor(60, TimeUnit.SECONDS));
    assertEquals(RunState.RUNNING, storedState(runId), "nothing recorded the death yet");

    Process describe = cli("describe.log", "run", "describe", runId);
    assertEquals(ExitCodes.OK, exit(describe, "describe.log"), read("describe.log"));
    String shown = read("describe.log");
    assertTrue(shown.contains("State:    FAILED"), shown);
    assertTrue(shown.contains("Resume: stepwise run resume " + runId), shown);
    RunRecord dead = runs().describe(runId).orElseThrow();
    assertEquals(StepState.COMPLETED, dead.step("first").orElseThrow().state(), dead.toString());
    StepRecord second = dead.step("awaitRelease").orElseThrow();
    assertEquals(StepState.FAILED, second.state(), dead.toString());
    assertTrue(second.error().orElseThrow().message().contains("died while"), second.toString());
    assertEquals(StepState.SKIPPED, dead.step("last").orElseThrow().state(), dead.toString());
    for (ProcessHandle orphan : orphans) {
      orphan.onExit().get(60, TimeUnit.SECONDS); // reading the record killed the orphaned spark-submit
      assertFalse(orphan.isAlive(), "orphan " + orphan.pid() + " survived");
    }

    Files.createFile(marks.resolve("release"));
    Process resume = cli("resume.log", "run", "resume", runId);
    assertEquals(ExitCodes.OK, exit(resume, "resume.log"), read("resume.log"));
    assertTrue(read("resume.log").contains("Resumed run " + runId + " of pipeline 'resume_me' on stack 'default': 1"
        + " step(s) keep their outputs, 0 still running on a cluster followed, 2 to run."), read("resume.log"));
    assertTrue(read("resume.log").contains("Run " + runId + " COMPLETED."), read("resume.log"));

    RunRecord done = runs().describe(runId).orElseThrow();
    assertEquals(RunState.COMPLETED, done.state(), done.toString());
    assertEquals(1, done.resumedAt().size(), done.toString());
    assertEquals(dead.step("first").orElseThrow().output(), done.step("first").orElseThrow().output(),
        "the completed step keeps its output");
    List<StepAttempt> attempts = done.step("awaitRelease").orElseThrow().attempts();
    assertEquals(List.of(1, 2), attempts.stream().map(StepAttempt::number).toList(), attempts.toString());
    assertTrue(attempts.get(0).reason().orElseThrow().contains("died while"), attempts.toString());
    assertEquals(Optional.of(0), attempts.get(1).exitCode(), attempts.toString());
    assertEquals(StepState.COMPLETED, done.step("last").orElseThrow().state());
    assertEquals(1, markers("first"), "the completed step did not run again");
    assertEquals(2, markers("second"), "the dead step ran again, once");
    assertEquals(1, markers("third"));

    Process again = cli("again.log", "run", "resume", runId);
    assertEquals(ExitCodes.USER_ERROR, exit(again, "again.log"), read("again.log"));
    assertTrue(read("again.log").contains("run '" + runId + "' completed; there is nothing to resume"), read("again.log"));
  }

  @Test
  void resumingARunThatALiveProcessStillDrivesIsRefusedAndChangesNothing() throws Exception {
    Path release = dir.resolve("release-await");
    ProcessBuilder builder = CliJvm.builder(dir.resolve("config"), "pipeline", "run", AwaitFilePipeline.class.getName());
    builder.environment().put("STEPWISE_TEST_AWAIT", release.toString());
    Process run = start(builder, "await.log");
    String runId = awaitRun(run);
    RunRecord before = runs().describe(runId).orElseThrow();

    // without the variable the definition would fail to load: refused on the run's state before that
    Process resume = cli("resume.log", "run", "resume", runId);
    assertEquals(ExitCodes.USER_ERROR, exit(resume, "resume.log"), read("resume.log"));
    assertTrue(read("resume.log").contains("run '" + runId + "' is still running (pid " + run.pid()), read("resume.log"));
    assertTrue(read("resume.log").contains("one process drives a run at a time"), read("resume.log"));
    assertEquals(before, runs().describe(runId).orElseThrow(), "the refused resume changed the record");

    Files.createFile(release);
    assertEquals(ExitCodes.OK, exit(run, "await.log"), read("await.log"));
  }

  // ---- helpers

  private Process cli(String log, String... args) throws IOException {
    ProcessBuilder builder = CliJvm.builder(dir.resolve("config"), args);
    builder.environment().put(ResumePipeline.MARKS_VARIABLE, dir.resolve("marks").toString());
    return start(builder, log);
  }

  private Process start(ProcessBuilder builder, String log) throws IOException {
    Process p = builder.redirectErrorStream(true).redirectOutput(dir.resolve(log).toFile()).start();
    started.add(p);
    return p;
  }

  private int exit(Process p, String log) throws InterruptedException {
    assertTrue(p.waitFor(600, TimeUnit.SECONDS), "did not end: " + read(log));
    return p.exitValue();
  }

  private RunStore runs() {
    return new RunStore(new LocalArtifactStore(dir.resolve("config").resolve("artifacts")));
  }

  private RunState storedState(String runId) throws IOException {
    Path record = dir.resolve("config/artifacts/runs").resolve(runId).resolve("run.json");
    return dev.stepwise.support.JsonCodec.mapper().readValue(record.toFile(), RunRecord.class).state();
  }

  private String awaitRun(Process run) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
    while (System.nanoTime() < deadline && run.isAlive()) {
      // once its step has a cache verdict, nothing more is recorded until the step ends
      if (Files.isDirectory(dir.resolve("config/artifacts/runs")) && !runs().list().isEmpty()
          && runs().list().get(0).steps().get(0).cache().isPresent()) {
        return runs().list().get(0).runId();
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no run was recorded: " + read("await.log"));
  }

  /** Waits until the step named {@code name} has left its marker: its body surely runs. */
  private String awaitMarker(Process run, String name) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(600);
    while (System.nanoTime() < deadline && run.isAlive()) {
      if (markers(name) > 0) {
        return runs().list().get(0).runId();
      }
      Thread.sleep(200);
    }
    throw new AssertionError("step '" + name + "' never started: " + read("run.log"));
  }

  private long markers(String name) throws IOException {
    try (Stream<Path> files = Files.list(dir.resolve("marks"))) {
      return files.filter(f -> f.getFileName().toString().startsWith(name + "-")).count();
    }
  }

  private String read(String log) {
    try {
      return Files.readString(dir.resolve(log));
    } catch (IOException e) {
      return "(no " + log + ")";
    }
  }
}

package dev.stepwise.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.artifact.LocalArtifactStore;
import dev.stepwise.operator.StepState;
import dev.stepwise.orchestrator.RunRecord;
import dev.stepwise.orchestrator.RunState;
import dev.stepwise.orchestrator.RunStore;
import dev.stepwise.spark.fixtures.ResumePipeline;
import dev.stepwise.spark.fixtures.SparkSleepPipeline;
import dev.stepwise.support.DirectoryTrees;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Spark step on a real standalone master and worker, driven as a user drives it: {@code stepwise
 * pipeline run} in one JVM, {@code run logs --follow} and {@code run cancel} from others. In
 * cluster mode the driver runs inside the worker, so its output, its kill and its resource wait are
 * only visible through the master's and worker's HTTP endpoints; in client mode the driver is the
 * local spark-submit, and the master shows whether its application really ended.
 */
class StandaloneCliTest {
  private static final String STEP = "sleepOnActiveStack";
  private static final String SLEEPING = "sleeping on the active stack";
  private static Path clusterDir;
  private static StandaloneSparkCluster cluster;

  @TempDir Path dir;
  private final List<Process> started = new ArrayList<>();

  @BeforeAll
  static void startCluster() throws Exception {
    clusterDir = Files.createTempDirectory("stepwise-standalone-cli");
    cluster = StandaloneSparkCluster.start(SparkTestFixtures.sparkHome(), clusterDir);
  }

  @AfterAll
  static void stopCluster() throws Exception {
    cluster.close();
    DirectoryTrees.delete(clusterDir);
  }

  @AfterEach
  void cleanUp() throws Exception {
    for (Process p : started) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
    // no driver of one test may hold the worker's cores in the next
    for (JsonNode driver : cluster.state().path("activedrivers")) {
      cluster.killDriver(driver.path("id").asText());
    }
    await("no active driver left on the master", () -> cluster.state().path("activedrivers").isEmpty());
    // a client-mode driver killed above leaves the master when its connection drops
    await("no active application left on the master", () -> cluster.state().path("activeapps").isEmpty());
  }

  @Test
  void runLogsFollowsTheClusterModeDriverLiveAndRunCancelKillsItOnTheMaster() throws Exception {
    registerStack("sa", "cluster", "--master_rest_url=" + cluster.restUrl());
    Process pipeline = cli("pipeline-run.log", "pipeline", "run", SparkSleepPipeline.class.getName(), "--stack", "sa_stack");
    String runId = awaitRun(pipeline);
    String driverId = awaitRunningDriver(pipeline);

    // the driver prints inside the worker; `run logs --follow` shows it while the step still runs
    Process follow = cli("follow.log", "run", "logs", runId, "--step", STEP, "--follow");
    await("run logs --follow shows the driver's line",
        () -> read("follow.log").contains(SLEEPING));
    assertEquals(RunState.RUNNING, runs().describe(runId).orElseThrow().state());

    Process cancel = cli("cancel.log", "run", "cancel", runId, "--wait", "120");
    assertTrue(cancel.waitFor(180, TimeUnit.SECONDS), "run cancel did not return");
    assertEquals(0, cancel.exitValue(), read("cancel.log") + read("pipeline-run.log"));
    assertTrue(read("cancel.log").contains("Run " + runId + " is CANCELLED."), read("cancel.log"));
    assertDriverKilled(driverId);
    assertTrue(pipeline.waitFor(60, TimeUnit.SECONDS), "pipeline run did not end: " + read("pipeline-run.log"));
    assertTrue(follow.waitFor(60, TimeUnit.SECONDS), "run logs --follow did not end with the run");
    assertEquals(StepState.CANCELLED, runs().describe(runId).orElseThrow().step(STEP).orElseThrow().state());
  }

  @Test
  void aKillTheMasterCannotConfirmFailsTheCancelWithTheFix() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort(); // nothing listens there once closed: a master without REST
    }
    registerStack("norest", "cluster", "--master_rest_url=http://127.0.0.1:" + closed);
    Process pipeline = cli("pipeline-run.log", "pipeline", "run", SparkSleepPipeline.class.getName(), "--stack", "norest_stack");
    String runId = awaitRun(pipeline);
    String driverId = awaitRunningDriver(pipeline);

    Process cancel = cli("cancel.log", "run", "cancel", runId, "--wait", "120");
    assertTrue(cancel.waitFor(180, TimeUnit.SECONDS), "run cancel did not return");
    assertNotEquals(0, cancel.exitValue(), "a cancel the master did not confirm reported success: " + read("cancel.log"));
    assertTrue(read("cancel.log").contains("spark.master.rest.enabled=true") && read("cancel.log").contains(driverId),
        read("cancel.log"));
    RunRecord record = runs().describe(runId).orElseThrow();
    assertEquals(RunState.FAILED, record.state(), record.toString());
    assertEquals(StepState.FAILED, record.step(STEP).orElseThrow().state(), record.toString());
  }

  @Test
  void anImpossibleRequestIsWarnedByExplainAndFailsAfterPendingTimeout() throws Exception {
    registerStack("tight", "cluster", "--master_rest_url=" + cluster.restUrl(), "--pending_timeout=5s");
    // the 1-core driver leaves 1 of the worker's 2 cores: a 2-core executor can never start
    assertWarnedThenFailedAfterPendingTimeout("tight_stack", 2);
    assertTrue(cluster.state().path("activedrivers").isEmpty(), "the waiting driver was not killed: " + cluster.state());
  }

  /**
   * With executors of {@code cores} that no worker can hold: {@code step explain} warns, and the run
   * fails after the stack's 5s {@code pending_timeout} with the master's reason and the key to change.
   */
  private void assertWarnedThenFailedAfterPendingTimeout(String stack, int cores) throws Exception {
    String conf = "spark.executor.cores=" + cores;
    Process explain = cli("explain.log", "step", "explain", STEP, "--stack", stack,
        "--classpath", System.getProperty("java.class.path"), "--conf", conf);
    assertTrue(explain.waitFor(120, TimeUnit.SECONDS), "explain did not return");
    assertEquals(0, explain.exitValue(), read("explain.log"));
    assertTrue(read("explain.log").contains("does not fit on any alive worker"), read("explain.log"));

    Process pipeline = cli("pipeline-run.log", "pipeline", "run", SparkSleepPipeline.class.getName(),
        "--stack", stack, "--conf", conf);
    String runId = awaitRun(pipeline);
    assertTrue(pipeline.waitFor(180, TimeUnit.SECONDS), "the impossible request never ended: " + read("pipeline-run.log"));
    RunRecord record = runs().describe(runId).orElseThrow();
    assertEquals(RunState.FAILED, record.state(), record.toString());
    String logs = runs().logs(runId, Optional.of(STEP));
    assertTrue(logs.contains("WAITING with no executors") && logs.contains("pending_timeout (5s)")
        && logs.contains("spark.executor.cores"), logs);
  }

  @Test
  void inClientModeRunLogsFollowsTheDriverAndRunCancelEndsItsApplicationOnTheMaster() throws Exception {
    registerStack("client", "client");
    Process pipeline = cli("pipeline-run.log", "pipeline", "run", SparkSleepPipeline.class.getName(),
        "--stack", "client_stack");
    String runId = awaitRun(pipeline);
    String appId = awaitRunningApplication();
    assertTrue(cluster.state().path("activedrivers").isEmpty(), "a client-mode driver runs here, not on the worker");

    Process follow = cli("follow.log", "run", "logs", runId, "--step", STEP, "--follow");
    await("run logs --follow shows the driver's line", () -> read("follow.log").contains(SLEEPING));
    assertEquals(RunState.RUNNING, runs().describe(runId).orElseThrow().state());

    Process cancel = cli("cancel.log", "run", "cancel", runId, "--wait", "120");
    assertTrue(cancel.waitFor(180, TimeUnit.SECONDS), "run cancel did not return");
    assertEquals(0, cancel.exitValue(), read("cancel.log") + read("pipeline-run.log"));
    assertTrue(read("cancel.log").contains("Run " + runId + " is CANCELLED."), read("cancel.log"));
    // the master, not only the local process tree, says the application ended and freed the worker
    await("the master lists " + appId + " as ended with no cores in use", () -> {
      JsonNode state = cluster.state();
      boolean active = false;
      for (JsonNode app : state.path("activeapps")) {
        active |= app.path("id").asText().equals(appId);
      }
      boolean completed = false;
      for (JsonNode app : state.path("completedapps")) {
        completed |= app.path("id").asText().equals(appId);
      }
      return !active && completed && state.path("coresused").asInt(-1) == 0;
    });
    assertTrue(pipeline.waitFor(60, TimeUnit.SECONDS), "pipeline run did not end: " + read("pipeline-run.log"));
    assertTrue(follow.waitFor(60, TimeUnit.SECONDS), "run logs --follow did not end with the run");
    assertEquals(StepState.CANCELLED, runs().describe(runId).orElseThrow().step(STEP).orElseThrow().state());
  }

  @Test
  void inClientModeAnExecutorNoWorkerCanHoldIsWarnedByExplainAndFailsAfterPendingTimeout() throws Exception {
    registerStack("tightclient", "client", "--pending_timeout=5s");
    // the worker has 2 cores: a 3-core executor can never start, while the driver runs here
    assertWarnedThenFailedAfterPendingTimeout("tightclient_stack", 3);
    await("the waiting application left the master", () -> cluster.state().path("activeapps").isEmpty());
  }

  @Test
  void afterSigkillOfTheOrchestratorResumeFollowsTheClusterModeDriverToItsEndWithoutSubmittingAgain() throws Exception {
    Path marks = Files.createDirectories(dir.resolve("marks"));
    Killed killed = killOrchestratorWhileTheSecondStepRuns("resume", marks);
    String runId = killed.runId();
    String driverId = killed.driverId();

    Process describe = cli("describe.log", "run", "describe", runId);
    assertTrue(describe.waitFor(120, TimeUnit.SECONDS));
    assertEquals(0, describe.exitValue(), read("describe.log"));
    assertTrue(read("describe.log").contains("State:    INTERRUPTED"), read("describe.log"));
    assertTrue(read("describe.log").contains("cluster-mode driver " + driverId + " is RUNNING on "
        + cluster.masterUrl()), read("describe.log"));
    assertTrue(read("describe.log").contains("Resume: stepwise run resume " + runId), read("describe.log"));
    assertEquals(driverId, cluster.state().path("activedrivers").get(0).path("id").asText(),
        "reading the record left the driver running");

    Process resume = cliWithMarks("resume.log", "run", "resume", runId);
    await("the resumed run follows the driver", () -> runs().logs(runId, Optional.of("awaitRelease"))
        .contains("reattached to cluster-mode driver " + driverId));
    Files.createFile(marks.resolve("release"));
    assertTrue(resume.waitFor(600, TimeUnit.SECONDS), "the resumed run did not end: " + read("resume.log"));
    assertEquals(0, resume.exitValue(), read("resume.log"));

    RunRecord record = runs().describe(runId).orElseThrow();
    assertEquals(RunState.COMPLETED, record.state(), record.toString());
    assertEquals(List.of(1), record.step("awaitRelease").orElseThrow().attempts().stream()
        .map(dev.stepwise.orchestrator.StepAttempt::number).toList(), "one attempt, followed to its end");
    assertTrue(runs().logs(runId, Optional.of("awaitRelease")).contains("released"),
        "the driver's own output after the resume is in the step log");
    assertEquals(1, markers(marks, "first"));
    assertEquals(1, markers(marks, "second"), "the step's body ran once: it was followed, not submitted again");
    assertEquals(1, markers(marks, "third"));
    boolean finished = false;
    for (JsonNode done : cluster.state().path("completeddrivers")) {
      finished |= done.path("id").asText().equals(driverId) && done.path("state").asText().equals("FINISHED");
    }
    assertTrue(finished, "the master lists " + driverId + " as FINISHED: " + cluster.state());
  }

  @Test
  void runCancelOfARunWhoseOrchestratorWasKilledKillsItsClusterModeDriverOnTheMaster() throws Exception {
    Killed killed = killOrchestratorWhileTheSecondStepRuns("orphan", Files.createDirectories(dir.resolve("marks")));
    String runId = killed.runId();
    String driverId = killed.driverId();

    Process cancel = cli("cancel.log", "run", "cancel", runId, "--wait", "120");
    assertTrue(cancel.waitFor(180, TimeUnit.SECONDS), "run cancel did not return");
    assertEquals(0, cancel.exitValue(), read("cancel.log"));
    assertTrue(read("cancel.log").contains("Run " + runId + " is CANCELLED."), read("cancel.log"));
    assertDriverKilled(driverId);
    RunRecord record = runs().describe(runId).orElseThrow();
    assertEquals(StepState.CANCELLED, record.step("awaitRelease").orElseThrow().state(), record.toString());
    assertTrue(record.step("awaitRelease").orElseThrow().error().orElseThrow().message()
        .contains("cluster-mode driver " + driverId + " was killed"), record.toString());
    assertEquals(StepState.SKIPPED, record.step("last").orElseThrow().state(), record.toString());
  }

  /** A run of {@link ResumePipeline} and the cluster-mode driver of its second step. */
  private record Killed(String runId, String driverId) {}

  /**
   * Runs {@link ResumePipeline} on a new cluster-mode stack {@code name}, and SIGKILLs the JVM of
   * {@code pipeline run} once the second step's driver runs its body on the worker, where it goes on.
   */
  private Killed killOrchestratorWhileTheSecondStepRuns(String name, Path marks) throws Exception {
    registerStack(name, "cluster", "--master_rest_url=" + cluster.restUrl());
    Process run = cliWithMarks(name + "-run.log", "pipeline", "run", ResumePipeline.class.getName(),
        "--stack", name + "_stack");
    String runId = awaitRun(run);
    await("the second step's driver runs its body", () -> markers(marks, "second") == 1);
    String driverId = awaitRunningDriver(run);
    run.destroyForcibly(); // SIGKILL: no hook runs, and the driver runs on in the worker
    assertTrue(run.waitFor(60, TimeUnit.SECONDS));
    return new Killed(runId, driverId);
  }

  private Process cliWithMarks(String log, String... args) throws Exception {
    ProcessBuilder builder = CliJvm.builder(dir.resolve("config"), args);
    builder.environment().put(ResumePipeline.MARKS_VARIABLE, dir.resolve("marks").toString());
    Process process = builder.redirectErrorStream(true).redirectOutput(dir.resolve(log).toFile()).start();
    started.add(process);
    return process;
  }

  private static long markers(Path marks, String name) throws java.io.IOException {
    try (var files = Files.list(marks)) {
      return files.filter(f -> f.getFileName().toString().startsWith(name + "-")).count();
    }
  }

  /** The run's application, once the master has given it an executor (so it is past starting up). */
  private String awaitRunningApplication() throws Exception {
    await("the application runs with an executor on the worker", () -> {
      JsonNode apps = cluster.state().path("activeapps");
      return apps.size() == 1 && apps.get(0).path("cores").asInt() > 0;
    });
    return cluster.state().path("activeapps").get(0).path("id").asText();
  }

  private void registerStack(String name, String deployMode, String... extra) throws Exception {
    List<String> args = new ArrayList<>(List.of("step-operator", "register", name, "--flavor=spark",
        "--master=" + cluster.masterUrl(), "--deploy_mode=" + deployMode, "--master_web_ui_url=" + cluster.webUiUrl()));
    args.addAll(List.of(extra));
    Process op = cli("register-" + name + ".log", args.toArray(String[]::new));
    assertTrue(op.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, op.exitValue(), read("register-" + name + ".log"));
    Process stack = cli("stack-" + name + ".log", "stack", "register", name + "_stack", "-o", "default", "-a", "default",
        "-s", name);
    assertTrue(stack.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, stack.exitValue(), read("stack-" + name + ".log"));
  }

  /** {@code stepwise ARGS} as its own JVM, on this test's class path and a config dir of its own. */
  private Process cli(String log, String... args) throws Exception {
    Process process = CliJvm.builder(dir.resolve("config"), args)
        .redirectErrorStream(true).redirectOutput(dir.resolve(log).toFile()).start();
    started.add(process);
    return process;
  }

  private RunStore runs() {
    return new RunStore(new LocalArtifactStore(dir.resolve("config").resolve("artifacts")));
  }

  private String awaitRun(Process pipeline) throws Exception {
    await("the run was recorded", () -> Files.isDirectory(dir.resolve("config").resolve("artifacts"))
        && !runs().list().isEmpty());
    return runs().list().get(0).runId();
  }

  /** The run's driver, once the master runs it and it has its executor (so it is past starting up). */
  private String awaitRunningDriver(Process pipeline) throws Exception {
    await("the driver runs on the worker", () -> {
      JsonNode state = cluster.state();
      return state.path("activedrivers").size() == 1
          && state.path("activedrivers").get(0).path("state").asText().equals("RUNNING")
          && state.path("activeapps").size() == 1 && state.path("activeapps").get(0).path("cores").asInt() > 0;
    });
    return cluster.state().path("activedrivers").get(0).path("id").asText();
  }

  private void assertDriverKilled(String driverId) throws Exception {
    JsonNode state = cluster.state();
    for (JsonNode active : state.path("activedrivers")) {
      assertNotEquals(driverId, active.path("id").asText(), "driver still active on the master: " + state);
    }
    boolean killed = false;
    for (JsonNode done : state.path("completeddrivers")) {
      killed |= done.path("id").asText().equals(driverId) && done.path("state").asText().equals("KILLED");
    }
    assertTrue(killed, "the master does not list " + driverId + " as KILLED: " + state);
  }

  private interface Check {
    boolean holds() throws Exception;
  }

  private void await(String what, Check check) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    while (System.nanoTime() < deadline) {
      if (check.holds()) {
        return;
      }
      Thread.sleep(200);
    }
    StringBuilder logs = new StringBuilder();
    try (var files = Files.list(dir)) {
      files.filter(Files::isRegularFile).forEach(f -> logs.append("\n--- ").append(f.getFileName()).append('\n')
          .append(read(f.getFileName().toString())));
    }
    throw new AssertionError("timed out waiting: " + what + logs);
  }

  private String read(String log) {
    try {
      return Files.readString(dir.resolve(log));
    } catch (Exception e) {
      return "(no " + log + ")";
    }
  }
}

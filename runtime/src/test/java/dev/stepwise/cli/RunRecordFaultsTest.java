package dev.stepwise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.stepwise.artifact.ArtifactStore;
import dev.stepwise.artifact.LocalArtifactStore;
import dev.stepwise.cli.CliHarness.Result;
import dev.stepwise.orchestrator.RunRecord;
import dev.stepwise.orchestrator.RunStore;
import dev.stepwise.stack.StepwiseEnvironment;
import dev.stepwise.testing.InheritedSigint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code stepwise} as a user meets it when things go wrong around a run: a store that turns
 * read-only, Ctrl-C, deleting what a running run uses. The pipeline runs in a child
 * {@code stepwise pipeline run} JVM; its one step waits for a file the test creates.
 */
class RunRecordFaultsTest {
  @TempDir Path root;
  private final List<Process> started = new ArrayList<>();

  @org.junit.jupiter.api.AfterEach
  void stopWhatWasStarted() throws InterruptedException {
    for (Process process : started) {
      process.destroyForcibly().waitFor();
    }
  }

  @Test
  void aStoreThatTurnsReadOnlyIsReportedByTheRunAndByListAndDescribe() throws Exception {
    CliHarness cli = new CliHarness(root);
    Path store = cli.configDir.resolve("artifacts");
    Path go = root.resolve("go");
    Process run = pipelineRun(cli, go);
    String runId = awaitWaiting(store, run);
    // a read-only bind mount over the store: the open log keeps its file, every new write is refused
    assumeTrue(sh("mount", "--bind", store.toString(), store.toString()) == 0, "bind mounts need root");
    try {
      assertEquals(0, sh("mount", "-o", "remount,ro,bind", store.toString()), "could not make the store read-only");
      Files.createFile(go);

      assertTrue(run.waitFor(60, TimeUnit.SECONDS), "the run did not end");
      String console = Files.readString(root.resolve("run.log"));
      assertEquals(ExitCodes.RECORD_PROBLEM, run.exitValue(), console);
      assertTrue(console.contains("cannot write the record of run " + runId), console);
      assertTrue(console.contains("Read-only file system"), console);
      // the output cannot be stored either, so the step fails; the summary is the one place that says so
      assertTrue(console.contains("Run " + runId + " FAILED."), "the summary still says how it ended: " + console);
      assertTrue(console.contains("awaitFile: FAILED — the output of step 'awaitFile' could not be stored"), console);

      Result list = cli.run("run", "list");
      assertEquals(ExitCodes.RECORD_PROBLEM, list.exitCode(), list.toString());
      assertTrue(list.out().contains(runId), "the run is still listed: " + list);
      assertTrue(list.err().contains("cannot write the record of run " + runId)
          && list.err().contains("Read-only file system"), list.toString());

      Result describe = cli.run("run", "describe", runId);
      assertEquals(ExitCodes.RECORD_PROBLEM, describe.exitCode(), describe.toString());
      assertTrue(describe.out().contains("Run:      " + runId), describe.toString());
      assertTrue(describe.err().contains("Read-only file system"), describe.toString());
      assertFalse(describe.err().contains(".tmp"), "no temp-file name: " + describe);
    } finally {
      run.destroyForcibly().waitFor();
      sh("umount", "--lazy", store.toString());
    }
  }

  @Test
  void runListNamesTheRecordsItCannotReadIncludingADuplicatedKey() throws Exception {
    CliHarness cli = new CliHarness(root);
    Path store = cli.configDir.resolve("artifacts");
    assertEquals(0, cli.run("pipeline", "run", "dev.stepwise.fixtures.NumbersPipeline").exitCode());
    RunStore runs = new RunStore(new LocalArtifactStore(store));
    RunRecord good = runs.list().get(0);
    Path copy = Files.createDirectories(store.resolve("runs/twice-1"));
    // a record whose "state" is given twice: which one is true cannot be told, so it is not read
    String text = Files.readString(store.resolve("runs/" + good.runId() + "/run.json"))
        .replace("\"runId\" : \"" + good.runId() + "\"", "\"runId\" : \"twice-1\"")
        .replace("\"state\" : \"COMPLETED\",", "\"state\" : \"COMPLETED\", \"state\" : \"FAILED\",");
    Files.writeString(copy.resolve("run.json"), text);

    Result list = cli.run("run", "list");

    assertEquals(ExitCodes.RECORD_PROBLEM, list.exitCode(), list.toString());
    assertTrue(list.out().contains(good.runId()), list.toString());
    assertTrue(list.err().contains("run twice-1 is not listed") && list.err().contains("Duplicate field 'state'"),
        list.toString());
  }

  @Test
  void ctrlCPrintsAFinalSummary() throws Exception {
    CliHarness cli = new CliHarness(root);
    // its own session, so SIGINT can go to its whole process group as a terminal's Ctrl-C does
    List<String> prefix = new ArrayList<>(InheritedSigint.restoringPrefix());
    prefix.add("setsid");
    Process run = pipelineRun(cli, root.resolve("never"), prefix);
    String runId = awaitWaiting(cli.configDir.resolve("artifacts"), run);

    assertEquals(0, sh("kill", "-INT", "--", "-" + run.pid()));

    assertTrue(run.waitFor(60, TimeUnit.SECONDS), () -> "Ctrl-C did not end the run: " + read(root.resolve("run.log")));
    String console = Files.readString(root.resolve("run.log"));
    assertTrue(console.contains("Run " + runId + " CANCELLED."), console);
    assertTrue(console.contains("  awaitFile: CANCELLED"), console);
    assertTrue(console.contains("stepwise run describe " + runId), console);
  }

  @Test
  void deletingTheStackOrStoreOfARunningRunIsRefusedNamingTheRun() throws Exception {
    CliHarness cli = new CliHarness(root);
    cli.ok("artifact-store", "register", "other_store", "--flavor=local", "--path=" + root.resolve("other"));
    cli.ok("stack", "register", "busy", "-o", "default", "-a", "other_store");
    Path go = root.resolve("go");
    Process run = pipelineRun(cli, go, "--stack", "busy");
    String runId = awaitWaiting(root.resolve("other"), run);

    Result stack = cli.run("stack", "delete", "busy");
    assertEquals(ExitCodes.USER_ERROR, stack.exitCode(), stack.toString());
    assertTrue(stack.err().contains(runId) && stack.err().contains("stepwise run cancel " + runId + " --stack busy"),
        stack.toString());

    cli.ok("stack", "update", "busy", "-a", "default");
    Result store = cli.run("artifact-store", "delete", "other_store");
    assertEquals(ExitCodes.USER_ERROR, store.exitCode(), store.toString());
    assertTrue(store.err().contains(runId), store.toString());

    Files.createFile(go);
    assertTrue(run.waitFor(60, TimeUnit.SECONDS));
    cli.ok("artifact-store", "delete", "other_store"); // the run has ended: nothing to lose track of
    cli.ok("stack", "delete", "busy");
  }

  @Test
  void aDuplicateKeyAndAnInvalidNameAreRefusedSayingWhy() {
    CliHarness cli = new CliHarness(root);
    Result twice = cli.run("step-operator", "register", "twice", "--flavor=spark", "--master=local[*]",
        "--submit_kwargs={\"spark.a\":\"1\",\"spark.a\":\"2\"}");
    assertEquals(ExitCodes.USER_ERROR, twice.exitCode(), twice.toString());
    assertTrue(twice.err().contains("twice") && twice.err().contains("spark.a"), twice.toString());

    Result invalid = cli.run("orchestrator", "describe", "../../etc");
    assertEquals(ExitCodes.USER_ERROR, invalid.exitCode(), invalid.toString());
    assertTrue(invalid.err().contains("'../../etc' is not a valid orchestrator name"), invalid.toString());
    assertFalse(invalid.err().contains("register"), "an invalid name must not be suggested: " + invalid);
  }

  private Process pipelineRun(CliHarness cli, Path awaited, String... more) throws IOException {
    return pipelineRun(cli, awaited, List.of(), more);
  }

  private Process pipelineRun(CliHarness cli, Path awaited, List<String> prefix, String... more) throws IOException {
    List<String> command = new ArrayList<>(prefix);
    command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "pipeline", "run", "dev.stepwise.fixtures.AwaitFilePipeline"));
    command.addAll(List.of(more));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(root.resolve("run.log").toFile());
    builder.environment().put(StepwiseEnvironment.CONFIG_DIR_VARIABLE, cli.configDir.toString());
    builder.environment().put("STEPWISE_TEST_AWAIT", awaited.toString());
    Process process = builder.start();
    started.add(process);
    return process;
  }

  /** The run id, once the run's step is waiting for its file. */
  private String awaitWaiting(Path store, Process run) throws Exception {
    RunStore runs = new RunStore(new LocalArtifactStore(store));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline && run.isAlive()) {
      if (Files.isDirectory(store.resolve("runs"))) {
        List<RunRecord> all = runs.list();
        if (!all.isEmpty() && runs.logs(all.get(0).runId(), Optional.of("awaitFile")).contains("waiting for")) {
          return all.get(0).runId();
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the step never started: " + Files.readString(root.resolve("run.log")));
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "(no " + file + ")";
    }
  }

  private static int sh(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    return p.waitFor();
  }
}

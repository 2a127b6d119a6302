package dev.stepwise.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.spark.SparkTestFixtures.CollectedLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Real spark-submit children from the embedded Spark home, on local[2]. */
class SparkSubmitterTest {

  static SparkSubmission submission(String mainClass, List<String> args) {
    SparkConfBuilder conf = new SparkConfBuilder();
    conf.set("spark.ui.enabled", "false", ConfSource.COMPONENT);
    conf.setSecret("spark.stepwise.test.secret", "s3cr3t-value", ConfSource.layer("io", "test"));
    return new SparkSubmission(SparkMaster.parse("local[2]"), DeployMode.CLIENT, "test-" + mainClass.replaceAll(".*\\.", "").toLowerCase(),
        mainClass, SparkTestFixtures.testAppsJar().toString(), List.of(), args, conf.entries(), conf.warnings());
  }

  static SparkStepLaunch launch(String mainClass, CollectedLog log, Optional<Duration> timeout) throws Exception {
    return SparkSubmitter.submit(submission(mainClass, List.of("hello")), SparkTestFixtures.sparkHome(),
        Map.of("STEPWISE_TEST_SECRET", "abcdef"), log, timeout, SparkTestFixtures.cache().path().resolve("scratch"));
  }

  @Test
  void aSuccessfulApplicationStreamsItsOutputAndSucceeds() throws Exception {
    CollectedLog log = new CollectedLog();
    // the scratch dir is shared with other tests' launches (a killed one may leave its file): compare
    Set<Path> scratchBefore = scratchFiles();
    SparkStepLaunch launch = launch("dev.stepwise.spark.apps.CountApp", log, Optional.empty());
    SparkOutcome outcome = launch.awaitOutcome();
    assertEquals(SparkStepState.SUCCEEDED, outcome.state(), outcome.reason() + "\n" + String.join("\n", log.lines));
    assertEquals(0, outcome.exitCode());
    assertTrue(log.contains("count=50000 arg=hello"), String.join("\n", log.lines));
    assertTrue(log.contains("env=6"), "the environment map reaches the driver");
    assertTrue(outcome.appId().orElseThrow().startsWith("local-"), outcome.appId().toString());
    SparkLaunchRecord record = launch.record();
    assertFalse(String.join(" ", record.argv()).contains("s3cr3t-value"));
    assertTrue(record.conf().stream().anyMatch(c -> c.key().equals("spark.stepwise.test.secret") && c.value().equals("***")));
    assertEquals(scratchBefore, scratchFiles(), "no secrets file is written");
    assertFalse(ProcessHandle.of(launch.childPid()).map(ProcessHandle::isAlive).orElse(false));
  }

  @Test
  void finishedIsNotTrustedWithoutExitCodeZero() throws Exception {
    CollectedLog log = new CollectedLog();
    SparkOutcome outcome = launch("dev.stepwise.spark.apps.FailingApp", log, Optional.empty()).awaitOutcome();
    assertEquals(SparkStepState.FAILED, outcome.state());
    assertEquals(66, outcome.exitCode());
    assertTrue(outcome.reason().contains("exited with code 66 (step failed)"), outcome.reason());
    assertTrue(outcome.lastLines().stream().anyMatch(l -> l.contains("the word list is empty")), outcome.lastLines().toString());
    assertTrue(outcome.lastLines().size() <= SparkStepLaunch.TAIL_LINES);
  }

  @Test
  void cancelKillsTheApplicationAndEveryProcess() throws Exception {
    CollectedLog log = new CollectedLog();
    SparkStepLaunch launch = launch("dev.stepwise.spark.apps.SleepingApp", log, Optional.empty());
    awaitLine(log, "sleeping", launch);
    List<ProcessHandle> tree = processTree(launch.childPid());
    launch.cancel(Duration.ofSeconds(2));
    SparkOutcome outcome = launch.outcome().get(10, TimeUnit.SECONDS);
    assertEquals(SparkStepState.KILLED, outcome.state());
    assertGone(tree);
  }

  @Test
  void timeoutKillsTheApplication() throws Exception {
    CollectedLog log = new CollectedLog();
    // the timeout counts from launch, so it must outlast Spark's start on a loaded 2-core machine
    SparkStepLaunch launch = launch("dev.stepwise.spark.apps.SleepingApp", log, Optional.of(Duration.ofSeconds(20)));
    awaitLine(log, "sleeping", launch);
    List<ProcessHandle> tree = processTree(launch.childPid());
    SparkOutcome outcome = launch.outcome().get(30, TimeUnit.SECONDS);
    assertEquals(SparkStepState.TIMED_OUT, outcome.state());
    assertTrue(log.contains("exceeded its timeout"));
    assertGone(tree);
  }

  static List<ProcessHandle> processTree(long pid) {
    ProcessHandle root = ProcessHandle.of(pid).orElseThrow();
    return java.util.stream.Stream.concat(java.util.stream.Stream.of(root), root.descendants()).toList();
  }

  static void assertGone(List<ProcessHandle> processes) {
    for (ProcessHandle p : processes) {
      assertFalse(p.isAlive(), "process " + p.pid() + " " + p.info().commandLine().orElse("") + " survived");
    }
  }

  static void awaitLine(CollectedLog log, String text, SparkStepLaunch launch) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!log.contains(text)) {
      if (launch.outcome().isDone() || System.nanoTime() > deadline) {
        throw new AssertionError("the app never printed '" + text + "':\n" + String.join("\n", log.lines));
      }
      Thread.sleep(100);
    }
  }

  private static Set<Path> scratchFiles() throws java.io.IOException {
    Path scratch = SparkTestFixtures.cache().path().resolve("scratch");
    if (!Files.isDirectory(scratch)) {
      return Set.of();
    }
    try (var files = Files.list(scratch)) {
      return files.collect(java.util.stream.Collectors.toSet());
    }
  }
}

package dev.stepwise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.artifact.LocalArtifactStore;
import dev.stepwise.fixtures.RetryPipelines;
import dev.stepwise.operator.StepState;
import dev.stepwise.orchestrator.RunRecord;
import dev.stepwise.orchestrator.RunState;
import dev.stepwise.orchestrator.RunStore;
import dev.stepwise.orchestrator.StepAttempt;
import dev.stepwise.orchestrator.StepRecord;
import dev.stepwise.spark.CliJvm;
import dev.stepwise.stack.StepwiseEnvironment;
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
 * {@code @Step(retries)} through {@code stepwise pipeline run}: a step that fails twice then succeeds
 * and a cancel during a backoff wait each in a CLI JVM of their own, the rest through {@link Main} in
 * this JVM. The steps count their calls in a file, so the attempts that really ran are known apart
 * from what the record says. Nothing here depends on how long anything takes: delays are short
 * where the test waits them out and long where it must not.
 */
class RetryCliTest {
  @TempDir Path dir;

  private Path config() {
    return dir.resolve("config");
  }

  private Path counter() {
    return dir.resolve("calls.txt");
  }

  @Test
  void stepThatFailsTwiceCompletesOnItsThirdAttemptWithBothFailuresRecorded() throws Exception {
    Process run = cli("run.log", "pipeline", "run", RetryPipelines.FailsTwice.class.getName(), "--retry-delay", "200ms");
    assertTrue(run.waitFor(300, TimeUnit.SECONDS), "pipeline run did not end: " + read("run.log"));
    assertEquals(0, run.exitValue(), read("run.log"));

    RunRecord record = runs().list().get(0);
    assertEquals(RunState.COMPLETED, record.state(), record.toString());
    StepRecord step = record.step("flaky").orElseThrow();
    assertEquals(StepState.COMPLETED, step.state());
    assertEquals(2, step.retries());
    List<StepAttempt> attempts = step.attempts();
    assertEquals(List.of(1, 2, 3), attempts.stream().map(StepAttempt::number).toList(), attempts.toString());
    assertTrue(attempts.get(0).reason().orElseThrow().contains("flaky failure 1"), attempts.toString());
    assertTrue(attempts.get(1).reason().orElseThrow().contains("flaky failure 2"), attempts.toString());
    assertEquals(Optional.of(66), attempts.get(0).exitCode());
    assertTrue(attempts.get(0).verdict().orElseThrow().startsWith("retried: the step threw"), attempts.toString());
    assertEquals(Optional.of(0), attempts.get(2).exitCode());
    assertEquals(Optional.empty(), attempts.get(2).reason());
    assertTrue(attempts.stream().allMatch(a -> a.endedAt().isPresent()), attempts.toString());
    assertEquals("3", Files.readString(counter()).trim(), "the step body ran three times");
    assertTrue(step.output().isPresent(), "the third attempt's output is the step's");

    String log = runs().logs(record.runId(), Optional.of("flaky"));
    assertTrue(log.contains("attempt 2 of 3 after 200ms: previous attempt failed: ")
        && log.contains("attempt 3 of 3 after 400ms: previous attempt failed: "), log);
    assertTrue(log.indexOf("flaky call 1") < log.indexOf("attempt 2 of 3")
        && log.indexOf("attempt 2 of 3") < log.indexOf("flaky call 2"), "each attempt's lines follow its header: " + log);

    Result describe = stepwise("run", "describe", record.runId());
    assertEquals(0, describe.code(), describe.err());
    assertTrue(describe.out().contains("Attempts of flaky (@Step(retries = 2)):"), describe.out());
    assertTrue(describe.out().contains("exit 66") && describe.out().contains("flaky failure 2")
        && describe.out().contains("exit 0  succeeded"), describe.out());
  }

  @Test
  void stepThatAlwaysFailsEndsFailedAfterEveryAttemptEachWithItsReason() throws Exception {
    Result ran = stepwise("pipeline", "run", RetryPipelines.AlwaysFails.class.getName(), "--retry-delay", "10ms");
    assertEquals(ExitCodes.RUN_FAILED, ran.code(), ran.out() + ran.err());

    RunRecord record = runs().list().get(0);
    StepRecord step = record.step("alwaysFails").orElseThrow();
    assertEquals(StepState.FAILED, step.state(), record.toString());
    List<StepAttempt> attempts = step.attempts();
    assertEquals(3, attempts.size(), attempts.toString());
    for (int i = 0; i < 3; i++) {
      assertEquals(i + 1, attempts.get(i).number());
      assertTrue(attempts.get(i).reason().orElseThrow().contains("failure " + (i + 1)), attempts.toString());
      assertEquals(Optional.of(66), attempts.get(i).exitCode());
    }
    assertTrue(attempts.get(2).verdict().orElseThrow().startsWith("not retried: no retries left"), attempts.toString());
    assertEquals("3", Files.readString(counter()).trim());
    assertTrue(step.error().orElseThrow().message().contains("failure 3"), "the last attempt's error is the step's");
  }

  @Test
  void exit64IsNotRetried() throws Exception {
    assertEquals(0, stepwise("step-operator", "register", "local_retry", "--flavor=local").code());
    Result stack = stepwise("stack", "register", "retry", "-o", "default", "-a", "default", "-s", "local_retry", "--set");
    assertEquals(0, stack.code(), stack.err());

    Result ran = stepwise("pipeline", "run", RetryPipelines.BadSpec.class.getName(), "--retry-delay", "10ms");
    assertEquals(ExitCodes.RUN_FAILED, ran.code(), ran.out() + ran.err());

    StepRecord step = runs().list().get(0).step("badSpec").orElseThrow();
    assertEquals(StepState.FAILED, step.state());
    assertEquals(1, step.attempts().size(), step.attempts().toString());
    StepAttempt only = step.attempts().get(0);
    assertEquals(Optional.of(64), only.exitCode());
    assertTrue(only.verdict().orElseThrow().contains("bad arguments or spec (exit 64) are never retried"), only.toString());
    assertEquals("1", Files.readString(counter()).trim(), "the step JVM ran once");
  }

  @Test
  void cancelDuringTheBackoffWaitEndsTheStepCancelledWithoutAnotherAttempt() throws Exception {
    // a wait far longer than the test: the run can only end early through the cancel
    Process run = cli("run.log", "pipeline", "run", RetryPipelines.AlwaysFails.class.getName(), "--retry-delay", "1h");
    try {
      String runId = awaitInLog(run, "so attempt 2 starts in 1h");
      Process cancel = cli("cancel.log", "run", "cancel", runId, "--wait", "120");
      assertTrue(cancel.waitFor(180, TimeUnit.SECONDS), "run cancel did not return: " + read("cancel.log"));
      assertEquals(0, cancel.exitValue(), read("cancel.log"));
      assertTrue(run.waitFor(120, TimeUnit.SECONDS), "pipeline run did not end: " + read("run.log"));

      RunRecord record = runs().describe(runId).orElseThrow();
      assertEquals(RunState.CANCELLED, record.state(), record.toString());
      StepRecord step = record.step("alwaysFails").orElseThrow();
      assertEquals(StepState.CANCELLED, step.state(), record.toString());
      assertEquals(1, step.attempts().size(), step.attempts().toString());
      assertEquals("1", Files.readString(counter()).trim(), "no second attempt ran");
      String log = runs().logs(runId, Optional.of("alwaysFails"));
      assertTrue(log.contains("the run was cancelled while step 'alwaysFails' waited to retry; no attempt 2"), log);
      assertTrue(read("run.log").contains("waited to retry; no attempt 2"), "the run's own output says so: "
          + read("run.log"));
    } finally {
      run.descendants().forEach(ProcessHandle::destroyForcibly);
      run.destroyForcibly();
    }
  }

  // ---- helpers

  record Result(int code, String out, String err) {}

  private Result stepwise(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    StepwiseEnvironment environment = new StepwiseEnvironment(Map.of(StepwiseEnvironment.CONFIG_DIR_VARIABLE,
        config().toString()), config(), config());
    int code = withCounter(() -> Main.run(environment, new PrintWriter(out, true), new PrintWriter(err, true), args));
    return new Result(code, out.toString(), err.toString());
  }

  /** The pipelines read the counter's path from the environment, which a test JVM cannot set: a property stands in. */
  private int withCounter(java.util.function.IntSupplier body) {
    String previous = System.getProperty(RetryPipelines.COUNTER_VARIABLE);
    System.setProperty(RetryPipelines.COUNTER_VARIABLE, counter().toString());
    try {
      return body.getAsInt();
    } finally {
      if (previous == null) {
        System.clearProperty(RetryPipelines.COUNTER_VARIABLE);
      } else {
        System.setProperty(RetryPipelines.COUNTER_VARIABLE, previous);
      }
    }
  }

  private Process cli(String log, String... args) throws Exception {
    ProcessBuilder builder = CliJvm.builder(config(), args);
    builder.environment().put(RetryPipelines.COUNTER_VARIABLE, counter().toString());
    return builder.redirectErrorStream(true).redirectOutput(dir.resolve(log).toFile()).start();
  }

  private RunStore runs() {
    return new RunStore(new LocalArtifactStore(config().resolve("artifacts")));
  }

  private String awaitInLog(Process run, String text) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
    while (System.nanoTime() < deadline && run.isAlive()) {
      List<RunRecord> all = Files.isDirectory(config().resolve("artifacts")) ? runs().list() : List.of();
      if (!all.isEmpty() && runs().logs(all.get(0).runId(), Optional.empty()).contains(text)) {
        return all.get(0).runId();
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the run never logged '" + text + "': " + read("run.log"));
  }

  private String read(String log) {
    try {
      return Files.readString(dir.resolve(log));
    } catch (Exception e) {
      return "(no " + log + ")";
    }
  }
}

package dev.stepwise.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.artifact.LocalArtifactStore;
import dev.stepwise.fixtures.FlakySteps;
import dev.stepwise.operator.StepState;
import dev.stepwise.orchestrator.RunState;
import dev.stepwise.orchestrator.RunStore;
import dev.stepwise.orchestrator.StepAttempt;
import dev.stepwise.orchestrator.StepRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retries through the Java API: a cancel that interrupts the backoff, and attempts kept apart in a step JVM. */
class RetryRunTest {
  @TempDir Path artifacts;

  private String counter() {
    return artifacts.resolve("calls.txt").toString();
  }

  @Test
  void cancelDuringTheBackoffWaitStopsTheStepAtOnce() throws Exception {
    Pipeline pipeline = Pipeline.define("retry_cancel_api", () -> FlakySteps.alwaysFails(Input.of(counter())));
    // a wait far longer than the test: only the cancel can end it
    PipelineRun run = pipeline.start(RunOptions.defaults().onStack(TestStacks.local(artifacts, "local_retry"))
        .withRetryDelay(Duration.ofHours(1)));
    for (int i = 0; i < 3000 && run.record().step("alwaysFails").orElseThrow().attempts().isEmpty(); i++) {
      Thread.sleep(100);
    }
    assertEquals(1, run.record().step("alwaysFails").orElseThrow().attempts().size(), "the first attempt never ended");

    run.cancel();

    assertEquals(RunState.CANCELLED, run.state());
    StepRecord step = run.record().step("alwaysFails").orElseThrow();
    assertEquals(StepState.CANCELLED, step.state());
    assertEquals(1, step.attempts().size(), step.attempts().toString());
    assertEquals("1", Files.readString(Path.of(counter())).trim());
    // written by the step's worker as the cancel woke it, so it is not still waiting to try again
    String log = new RunStore(new LocalArtifactStore(artifacts)).logs(run.runId(), Optional.of("alwaysFails"));
    assertTrue(log.contains("waited to retry; no attempt 2"), log);
  }

  @Test
  void aRetriedStepJvmThatDiesIsNotMistakenForItsEarlierAttemptsResult() throws Exception {
    Pipeline pipeline = Pipeline.define("retry_dies", () -> FlakySteps.throwsThenDies(Input.of(counter())));
    PipelineRun run = pipeline.run(RunOptions.defaults().onStack(TestStacks.local(artifacts, "local_retry"))
        .withRetryDelay(Duration.ofMillis(10)));

    assertEquals(RunState.FAILED, run.state());
    List<StepAttempt> attempts = run.record().step("throwsThenDies").orElseThrow().attempts();
    assertEquals(2, attempts.size(), attempts.toString());
    assertEquals(Optional.of(66), attempts.get(0).exitCode());
    assertTrue(attempts.get(0).reason().orElseThrow().contains("threw on call 1"), attempts.toString());
    assertEquals(Optional.of(3), attempts.get(1).exitCode(), attempts.toString());
    assertTrue(attempts.get(1).reason().orElseThrow().contains("exited with code 3 without a matching result record"),
        attempts.toString());
    assertEquals("2", Files.readString(Path.of(counter())).trim());
  }
}

package dev.stepwise.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.fixtures.FlakySteps;
import dev.stepwise.fixtures.NumbersSteps;
import dev.stepwise.operator.StepState;
import dev.stepwise.orchestrator.RunRecord;
import dev.stepwise.orchestrator.RunState;
import dev.stepwise.orchestrator.StepAttempt;
import dev.stepwise.orchestrator.StepRecord;
import dev.stepwise.stack.ResolvedStack;
import dev.stepwise.support.StepwiseException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Pipeline#resume} from Java: a failed run and a cancelled one go on under their ids, the
 * completed steps untouched, the others from their next attempt; what cannot be resumed is refused.
 */
class ResumeRunTest {
  @TempDir Path artifacts;

  private String counter() {
    return artifacts.resolve("calls.txt").toString();
  }

  @Test
  void aFailedRunResumesUnderItsIdRunningOnlyTheStepThatFailedFromItsNextAttempt() throws Exception {
    // fails on its first three calls: the first run's three attempts all fail, the resumed fourth succeeds
    java.util.concurrent.atomic.AtomicReference<StepOutput<Long>> calls = new java.util.concurrent.atomic.AtomicReference<>();
    Pipeline pipeline = Pipeline.define("resume_api", () -> {
      NumbersSteps.source(Input.of(7));
      calls.set(FlakySteps.flaky(Input.of(counter()), Input.of(3)));
    });
    ResolvedStack stack = TestStacks.local(artifacts, "local_retry");
    RunOptions options = RunOptions.defaults().onStack(stack).withRetryDelay(Duration.ofMillis(10));
    PipelineRun failed = pipeline.run(options);
    assertEquals(RunState.FAILED, failed.state(), failed.record().toString());
    StepRecord source = failed.record().step("source").orElseThrow();

    PipelineRun resumed = pipeline.resume(failed.runId(), options).await();

    assertEquals(failed.runId(), resumed.runId());
    RunRecord record = resumed.record();
    assertEquals(RunState.COMPLETED, record.state(), record.toString());
    assertEquals(1, record.resumedAt().size());
    assertEquals(source, record.step("source").orElseThrow(), "the completed step is untouched");
    StepRecord flaky = record.step("flaky").orElseThrow();
    assertEquals(StepState.COMPLETED, flaky.state());
    assertEquals(List.of(1, 2, 3, 4), flaky.attempts().stream().map(StepAttempt::number).toList(), flaky.toString());
    assertEquals(4L, (long) resumed.output(calls.get()));
    assertEquals("4", Files.readString(Path.of(counter())).trim(), "the step body ran once more");

    StepwiseException again = assertThrows(StepwiseException.class, () -> pipeline.resume(failed.runId(), options));
    assertTrue(again.getMessage().contains("completed; there is nothing to resume"), again.getMessage());
  }

  @Test
  void aCancelledRunResumesWithoutItsOldCancelRequestAndAnotherPipelineIsRefused() throws Exception {
    Path release = artifacts.resolve("release");
    Pipeline pipeline = Pipeline.define("resume_cancelled", () -> NumbersSteps.awaitFile(Input.of(release.toString())));
    RunOptions options = RunOptions.defaults().onStack(TestStacks.local(artifacts, "local_retry"));
    PipelineRun run = pipeline.start(options);
    for (int i = 0; i < 3000 && run.record().step("awaitFile").orElseThrow().state() != StepState.RUNNING; i++) {
      Thread.sleep(10);
    }
    run.cancel();
    assertEquals(RunState.CANCELLED, run.state());

    Pipeline other = Pipeline.define("resume_cancelled", () -> NumbersSteps.source(Input.of(1)));
    StepwiseException refused = assertThrows(StepwiseException.class, () -> other.resume(run.runId(), options));
    assertTrue(refused.getMessage().contains("has other steps now ([source]) than when it ran ([awaitFile])"),
        refused.getMessage());

    Files.createFile(release);
    PipelineRun resumed = pipeline.resume(run.runId(), options).await();
    assertEquals(RunState.COMPLETED, resumed.state(), "the cancel that ended the first session did not end this one: "
        + resumed.record());
  }
}

package dev.stepwise.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.artifact.LocalArtifactStore;
import dev.stepwise.fixtures.Numbers;
import dev.stepwise.fixtures.NumbersSteps;
import dev.stepwise.operator.StepState;
import dev.stepwise.orchestrator.RunRecord;
import dev.stepwise.orchestrator.RunState;
import dev.stepwise.orchestrator.RunStore;
import dev.stepwise.orchestrator.StepRecord;
import dev.stepwise.stack.ResolvedStack;
import dev.stepwise.stack.StackException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real pipelines on a local stack: in-process steps and child JVMs through the local step operator. */
class PipelineRunTest {
  @TempDir Path artifacts;

  @Test
  void mixedPipelineCompletesWithTypedOutputsRecordsAndLogs() throws Exception {
    AtomicReference<StepOutput<Numbers.Summary>> summary = new AtomicReference<>();
    AtomicReference<StepOutput<Long>> sum = new AtomicReference<>();
    Pipeline pipeline = Pipeline.define("numbers", () -> {
      StepOutput<Long> a = NumbersSteps.square(NumbersSteps.source(Input.of(3)));
      StepOutput<Long> b = NumbersSteps.square(Input.of(4));
      sum.set(NumbersSteps.add(a, b));
      summary.set(NumbersSteps.summarize(Input.of("total"), sum.get())); // local_ops: child JVM
      NumbersSteps.sink(sum.get());
    });
    assertEquals(List.of("source", "square", "square_2", "add", "summarize", "sink"),
        pipeline.steps().stream().map(StepInvocation::invocationId).toList());

    PipelineRun run = pipeline.run(RunOptions.defaults().onStack(TestStacks.local(artifacts, "local_ops")));

    assertEquals(RunState.COMPLETED, run.state(), () -> run.record().toString());
    long total = run.output(sum.get());
    assertEquals(25L, total);
    assertEquals(new Numbers.Summary("total", 25L, List.of(25L, 25L)), run.output(summary.get()));
    StepRecord summarize = run.step(summary.get()).orElseThrow();
    assertEquals(Optional.of("local_ops"), summarize.stepOperator());
    assertEquals(Optional.of(0), summarize.exitCode());
    assertEquals(List.of("add"), summarize.upstream());
    assertTrue(run.steps().stream().allMatch(s -> s.state() == StepState.COMPLETED));
    assertThrows(IllegalStateException.class, () -> run.output(
        new StepOutput<Void>("sink", "sink")), "void steps have no output");

    RunStore runs = new RunStore(new LocalArtifactStore(artifacts));
    assertEquals(List.of(run.runId()), runs.list().stream().map(RunRecord::runId).toList());
    RunRecord described = runs.describe(run.runId()).orElseThrow();
    assertEquals(RunState.COMPLETED, described.state());
    assertEquals("numbers", described.pipeline());
    assertEquals("with_ops", described.stack());
    assertTrue(described.endedAt().isPresent());

    String squareLog = runs.logs(run.runId(), Optional.of("square"));
    assertTrue(squareLog.contains("squaring 3"), squareLog); // in-process output captured
    String childLog = runs.logs(run.runId(), Optional.of("summarize"));
    assertTrue(childLog.contains("summarizing total") && childLog.contains("to stderr 25"), childLog);
    String all = runs.logs(run.runId(), Optional.empty());
    assertTrue(all.contains("==> sink [COMPLETED] <==") && all.contains("sink 25"), all);
    StringBuilder followed = new StringBuilder();
    runs.follow(run.runId(), Optional.of("summarize"), followed::append);
    assertEquals(childLog, followed.toString());
  }

  @Test
  void failingStepSkipsDependantsAndKeepsUpstreamOutputs() throws Exception {
    AtomicReference<StepOutput<Long>> squared = new AtomicReference<>();
    AtomicReference<StepOutput<Long>> exploded = new AtomicReference<>();
    AtomicReference<StepOutput<Long>> independent = new AtomicReference<>();
    Pipeline pipeline = Pipeline.define("failing", () -> {
      squared.set(NumbersSteps.square(Input.of(5)));
      exploded.set(NumbersSteps.explode(squared.get()));
      NumbersSteps.sink(NumbersSteps.add(exploded.get(), squared.get()));
      independent.set(NumbersSteps.square(Input.of(2)));
    });

    PipelineRun run = pipeline.run(RunOptions.defaults().onStack(TestStacks.local(artifacts, null))
        .withStepOperator("explode", "")); // explicit: in-process

    assertEquals(RunState.FAILED, run.state());
    assertEquals(25L, run.output(squared.get()));
    assertEquals(4L, run.output(independent.get()));
    StepRecord failed = run.step(exploded.get()).orElseThrow();
    assertEquals(StepState.FAILED, failed.state());
    assertEquals(Optional.of(66), failed.exitCode());
    assertEquals(IllegalStateException.class.getName(), failed.error().orElseThrow().exceptionClass());
    assertTrue(failed.error().orElseThrow().message().contains("boom at 25"));
    RunRecord record = run.record();
    assertEquals(StepState.SKIPPED, record.step("add").orElseThrow().state());
    assertEquals(StepState.SKIPPED, record.step("sink").orElseThrow().state());
    assertTrue(record.step("sink").orElseThrow().error().orElseThrow().message().contains("'add' is SKIPPED"));
    IllegalStateException noOutput = assertThrows(IllegalStateException.class, () -> run.output(exploded.get()));
    assertTrue(noOutput.getMessage().contains("FAILED"), noOutput.getMessage());
    assertTrue(record.error().orElseThrow().contains("explode"));
    String log = new RunStore(new LocalArtifactStore(artifacts)).logs(run.runId(), Optional.of("explode"));
    assertTrue(log.contains("failed with exit code 66") && log.contains("boom at 25"), log);
  }

  @Test
  void failingStepThroughTheStepOperator() throws Exception {
    AtomicReference<StepOutput<Long>> exploded = new AtomicReference<>();
    Pipeline pipeline = Pipeline.define("failing_remote", () -> {
      exploded.set(NumbersSteps.explode(NumbersSteps.square(Input.of(3))));
      NumbersSteps.sink(exploded.get());
    });
    PipelineRun run = pipeline.run(RunOptions.defaults().onStack(TestStacks.local(artifacts, "local_ops"))
        .withStepOperator("explode", "local_ops"));
    StepRecord failed = run.step(exploded.get()).orElseThrow();
    assertEquals(StepState.FAILED, failed.state());
    assertEquals(Optional.of(66), failed.exitCode());
    assertTrue(failed.error().orElseThrow().message().contains("boom at 9"));
    String log = new RunStore(new LocalArtifactStore(artifacts)).logs(run.runId(), Optional.of("explode"));
    assertTrue(log.contains("boom at 9"), log);
    assertEquals(StepState.SKIPPED, run.record().step("sink").orElseThrow().state());
  }

  @Test
  void cancelKillsTheStepJvmAndRecordsCancelled() throws Exception {
    Pipeline pipeline = Pipeline.define("slow", () -> NumbersSteps.sink(NumbersSteps.sleep(Input.of(120_000L))));
    PipelineRun run = pipeline.start(RunOptions.defaults().onStack(TestStacks.local(artifacts, "local_ops")));
    List<ProcessHandle> children = awaitChildJvm(run);

    run.cancel();

    assertEquals(RunState.CANCELLED, run.state());
    assertEquals(StepState.CANCELLED, run.record().step("sleep").orElseThrow().state());
    assertEquals(StepState.CANCELLED, run.record().step("sink").orElseThrow().state());
    assertTrue(children.stream().noneMatch(ProcessHandle::isAlive), "a step JVM survived the cancel");
    assertEquals(RunState.CANCELLED,
        new RunStore(new LocalArtifactStore(artifacts)).describe(run.runId()).orElseThrow().state());
  }

  @Test
  void cancelMarkerFromAnotherProcessIsHonoured() throws Exception {
    Pipeline pipeline = Pipeline.define("slow_marker", () -> NumbersSteps.sleep(Input.of(120_000L)));
    PipelineRun run = pipeline.start(RunOptions.defaults().onStack(TestStacks.local(artifacts, "local_ops")));
    List<ProcessHandle> children = awaitChildJvm(run);

    new RunStore(new LocalArtifactStore(artifacts)).requestCancel(run.runId());

    assertTrue(run.await(Duration.ofSeconds(30)), "run did not end after the cancel marker");
    assertEquals(RunState.CANCELLED, run.state());
    assertTrue(children.stream().noneMatch(ProcessHandle::isAlive));
  }

  private static List<ProcessHandle> awaitChildJvm(PipelineRun run) throws InterruptedException {
    for (int i = 0; i < 300; i++) {
      List<ProcessHandle> children = ProcessHandle.current().descendants().toList();
      boolean running = run.record().step("sleep").map(s -> s.state() == StepState.RUNNING).orElse(false);
      if (running && !children.isEmpty()) {
        return children;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the step JVM never started: " + run.record());
  }

  @Test
  void missingStepOperatorFailsBeforeAnythingRuns() throws Exception {
    Pipeline pipeline = Pipeline.define("needs_ops", () ->
        NumbersSteps.summarize(Input.of("x"), NumbersSteps.square(Input.of(1))));

    StackException none = assertThrows(StackException.class,
        () -> pipeline.start(RunOptions.defaults().onStack(TestStacks.local(artifacts, null))));
    assertTrue(none.getMessage().contains("step 'summarize' needs step operator 'local_ops'"), none.getMessage());
    assertTrue(none.getMessage().contains("available step operators: none"), none.getMessage());

    StackException other = assertThrows(StackException.class,
        () -> pipeline.start(RunOptions.defaults().onStack(TestStacks.local(artifacts, "spark_ops"))));
    assertTrue(other.getMessage().contains("available step operators: 'spark_ops' (flavor local)"), other.getMessage());
    assertFalse(Files.exists(artifacts.resolve("runs")) && Files.list(artifacts.resolve("runs")).findAny().isPresent(),
        "nothing may be recorded for a run that cannot start");
  }

  @Test
  void activeOperatorWithNoneIsAnError() {
    Pipeline pipeline = Pipeline.define("active", () -> NumbersSteps.square(Input.of(1)));
    ResolvedStack plain = TestStacks.local(artifacts, null);
    StackException e = assertThrows(StackException.class, () ->
        pipeline.start(RunOptions.defaults().onStack(plain).withStepOperator("square", "@active")));
    assertTrue(e.getMessage().contains("the stack's step operator (@active)"), e.getMessage());
  }

  @Test
  void activeOperatorUsesTheStacksOperator() throws Exception {
    AtomicReference<StepOutput<Long>> out = new AtomicReference<>();
    Pipeline pipeline = Pipeline.define("active_ok", () -> out.set(NumbersSteps.square(Input.of(6))));
    PipelineRun run = pipeline.run(RunOptions.defaults().onStack(TestStacks.local(artifacts, "local_ops"))
        .withStepOperator("square", "@active"));
    assertEquals(36L, run.output(out.get()));
    assertEquals(Optional.of("local_ops"), run.step(out.get()).orElseThrow().stepOperator());
  }

  @Test
  void parallelismOneRunsIndependentStepsOneAfterAnother() throws Exception {
    Pipeline pipeline = Pipeline.define("serial", () -> {
      NumbersSteps.square(Input.of(1));
      NumbersSteps.square(Input.of(2));
      NumbersSteps.square(Input.of(3));
    });
    PipelineRun run = pipeline.run(RunOptions.defaults().onStack(TestStacks.local(artifacts, null)).withParallelism(1));
    assertEquals(RunState.COMPLETED, run.state());
    List<StepRecord> steps = run.steps().stream()
        .sorted(java.util.Comparator.comparing(s -> s.startedAt().orElseThrow())).toList();
    for (int i = 1; i < steps.size(); i++) {
      assertFalse(steps.get(i).startedAt().orElseThrow().isBefore(steps.get(i - 1).endedAt().orElseThrow()),
          "with parallelism 1 a step started before the previous one ended: " + steps);
    }
  }

  @Test
  void cancellingAnInProcessStepInterruptsIt() throws Exception {
    Pipeline pipeline = Pipeline.define("slow_local", () -> NumbersSteps.sink(NumbersSteps.sleep(Input.of(120_000L))));
    PipelineRun run = pipeline.start(RunOptions.defaults().onStack(TestStacks.local(artifacts, "local_ops"))
        .withStepOperator("sleep", ""));
    for (int i = 0; i < 300 && run.record().step("sleep").orElseThrow().state() != StepState.RUNNING; i++) {
      Thread.sleep(50);
    }
    run.cancel();
    assertEquals(RunState.CANCELLED, run.state());
    assertEquals(StepState.CANCELLED, run.record().step("sleep").orElseThrow().state());
    assertEquals(StepState.CANCELLED, run.record().step("sink").orElseThrow().state());
  }

  @Test
  void independentStepsRunAtTheSameTime() throws Exception {
    Numbers.MEETING.set(new java.util.concurrent.CountDownLatch(2));
    AtomicReference<StepOutput<Boolean>> left = new AtomicReference<>();
    AtomicReference<StepOutput<Boolean>> right = new AtomicReference<>();
    Pipeline pipeline = Pipeline.define("parallel", () -> {
      left.set(NumbersSteps.rendezvous(Input.of("left")));
      right.set(NumbersSteps.rendezvous(Input.of("right")));
    });
    PipelineRun run = pipeline.run(RunOptions.defaults().onStack(TestStacks.local(artifacts, null)).withParallelism(2));
    assertEquals(RunState.COMPLETED, run.state());
    assertTrue(run.output(left.get()) && run.output(right.get()), "the two steps never ran at the same time");
  }
}

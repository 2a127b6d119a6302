package dev.stepwise.orchestrator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stepwise.operator.StepState;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RunSchedulerTest {
  private static StepRecord step(String id, StepState state, String... upstream) {
    return new StepRecord(id, id, Optional.empty(), List.of(upstream), state, Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), URI.create("file:///log/" + id));
  }

  @Test
  void startsOnlyStepsWhoseUpstreamCompletedInRecordOrderUpToTheParallelism() {
    List<StepRecord> steps = List.of(
        step("a", StepState.COMPLETED),
        step("b", StepState.PENDING, "a"),
        step("c", StepState.PENDING, "a"),
        step("d", StepState.PENDING, "a"),
        step("e", StepState.PENDING, "b"));
    RunScheduler.Decision decision = RunScheduler.next(steps, Set.of(), 2);
    assertEquals(List.of("b", "c"), decision.starts());
    assertEquals(List.of(), decision.skips());

    assertEquals(List.of("c"), RunScheduler.next(steps, Set.of("b"), 2).starts(),
        "a running step takes a slot and is not started again");
    assertEquals(List.of(), RunScheduler.next(steps, Set.of("b", "c"), 2).starts());
  }

  @Test
  void skipsDependantsOfAFailureTransitivelyAndNamesTheBlockingStep() {
    List<StepRecord> steps = List.of(
        step("a", StepState.FAILED),
        step("b", StepState.PENDING, "a"),
        step("c", StepState.PENDING, "b"),
        step("x", StepState.PENDING),
        step("y", StepState.CANCELLED),
        step("z", StepState.PENDING, "x", "y"));
    RunScheduler.Decision decision = RunScheduler.next(steps, Set.of(), 4);
    assertEquals(List.of(
        new RunScheduler.Skip("b", "a", StepState.FAILED),
        new RunScheduler.Skip("c", "b", StepState.SKIPPED),
        new RunScheduler.Skip("z", "y", StepState.CANCELLED)), decision.skips());
    assertEquals(List.of("x"), decision.starts());
  }

  @Test
  void aStepWaitsWhileAnyUpstreamStepIsStillRunning() {
    List<StepRecord> steps = List.of(
        step("a", StepState.COMPLETED),
        step("b", StepState.RUNNING),
        step("c", StepState.PENDING, "a", "b"));
    RunScheduler.Decision decision = RunScheduler.next(steps, Set.of("b"), 4);
    assertEquals(List.of(), decision.starts());
    assertEquals(List.of(), decision.skips());
  }
}

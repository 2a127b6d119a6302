package dev.stepwise.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.fixtures.NumbersSteps;
import dev.stepwise.operator.StepState;
import dev.stepwise.orchestrator.StepRecord;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A step JVM that dies without writing its result record (here: out of memory, and the JVM's own
 * {@code ExitOnOutOfMemoryError} exits with code 3) still leaves a record that says why: the tail
 * of its log, and the error that tail shows.
 */
class ResultlessDeathTest {
  @TempDir Path artifacts;

  @Test
  void anOutOfMemoryDeathIsNamedAndKeepsTheTailOfItsLog() throws Exception {
    Pipeline pipeline = Pipeline.define("oom", () -> NumbersSteps.hog(Input.of(4096L)));
    PipelineRun run = pipeline.start(RunOptions.defaults().onStack(TestStacks.local(artifacts, "local_ops",
        List.of("-Xmx64m", "-XX:+ExitOnOutOfMemoryError", "-XX:TieredStopAtLevel=1"))));
    run.await();

    StepRecord step = run.record().step("hog").orElseThrow();
    assertEquals(StepState.FAILED, step.state());
    assertEquals(Optional.of(3), step.exitCode(), step.toString());
    String why = step.error().orElseThrow().message();
    assertTrue(why.contains("exited with code 3") && why.contains("without a matching result record"), why);
    assertTrue(why.contains("its log shows java.lang.OutOfMemoryError"), why);
    assertEquals("java.lang.OutOfMemoryError", step.error().orElseThrow().exceptionClass());
    assertTrue(step.logTail().contains("allocating 4096 MiB"), step.logTail().toString());
    assertTrue(step.logTail().stream().anyMatch(l -> l.contains("java.lang.OutOfMemoryError")), step.logTail().toString());
  }
}

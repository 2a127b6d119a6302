package dev.stepwise.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.artifact.ArtifactStore;
import dev.stepwise.fixtures.NumbersSteps;
import dev.stepwise.flavor.ComponentType;
import dev.stepwise.orchestrator.RunState;
import dev.stepwise.orchestrator.RunStore;
import dev.stepwise.stack.ResolvedStack;
import dev.stepwise.stack.StackException;
import dev.stepwise.stack.Stacks;
import dev.stepwise.stack.StepwiseEnvironment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pipelines on the built-in default stack of a temporary STEPWISE_CONFIG_DIR. */
class DefaultStackTest {
  @TempDir Path config;

  ResolvedStack defaultStack() {
    return Stacks.active(new StepwiseEnvironment(Map.of(StepwiseEnvironment.CONFIG_DIR_VARIABLE, config.toString()),
        config, config));
  }

  @Test
  void runsOnTheDefaultStackAndRecordsInItsArtifactStore() throws Exception {
    AtomicReference<StepOutput<Long>> sum = new AtomicReference<>();
    Pipeline pipeline = Pipeline.define("on_default", () ->
        sum.set(NumbersSteps.add(NumbersSteps.square(Input.of(2)), NumbersSteps.square(Input.of(5)))));
    ResolvedStack stack = defaultStack();
    PipelineRun run = pipeline.run(RunOptions.defaults().onStack(stack));
    assertEquals(RunState.COMPLETED, run.state());
    assertEquals(29L, run.output(sum.get()));
    assertEquals("default", run.record().stack());
    RunStore runs = new RunStore(stack.require(ComponentType.ARTIFACT_STORE, ArtifactStore.class));
    assertEquals(run.runId(), runs.list().get(0).runId());
  }

  @Test
  void theDefaultStackHasOnlyItsLocalSparkStepOperator() {
    Pipeline pipeline = Pipeline.define("needs_ops", () -> NumbersSteps.summarize(Input.of("x"), Input.of(1L)));
    StackException e = assertThrows(StackException.class,
        () -> pipeline.start(RunOptions.defaults().onStack(defaultStack())));
    assertTrue(e.getMessage().contains("stack 'default' does not have it (available step operators: 'local_spark' (flavor spark))"),
        e.getMessage());
  }

  @Test
  void runWithoutOptionsUsesTheActiveStackOfTheEnvironment() throws Exception {
    ProcessBuilder builder = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), DefaultStackMain.class.getName());
    builder.environment().put(StepwiseEnvironment.CONFIG_DIR_VARIABLE, config.toString());
    builder.environment().remove(StepwiseEnvironment.ACTIVE_STACK_VARIABLE);
    builder.redirectErrorStream(true);
    builder.directory(config.toFile());
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, process.exitValue(), output);
    assertTrue(output.contains("STATE COMPLETED") && output.contains(" default"), output);
    RunStore runs = new RunStore(defaultStack().require(ComponentType.ARTIFACT_STORE, ArtifactStore.class));
    assertEquals("cli_numbers", runs.list().get(0).pipeline());
  }
}

package dev.stepwise.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.artifact.LocalArtifactStore;
import dev.stepwise.fixtures.NumbersSteps;
import dev.stepwise.flavor.ComponentModel;
import dev.stepwise.flavor.ComponentType;
import dev.stepwise.flavor.StackView;
import dev.stepwise.operator.StepState;
import dev.stepwise.orchestrator.LocalOrchestrator;
import dev.stepwise.orchestrator.RunState;
import dev.stepwise.orchestrator.RunStore;
import dev.stepwise.orchestrator.StepRecord;
import dev.stepwise.pipeline.Input;
import dev.stepwise.pipeline.Pipeline;
import dev.stepwise.pipeline.PipelineRun;
import dev.stepwise.pipeline.RunOptions;
import dev.stepwise.pipeline.StepOutput;
import dev.stepwise.spark.fixtures.SparkStepsSteps;
import dev.stepwise.stack.ResolvedStack;
import dev.stepwise.support.DirectoryTrees;
import dev.stepwise.support.JsonCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Pipelines whose Spark steps run through the spark step operator on real Spark, local[2]. */
class SparkPipelineTest {
  private Path artifacts;

  @BeforeEach
  void createStore() throws Exception {
    artifacts = Files.createTempDirectory("stepwise-spark-runs");
  }

  @AfterEach
  void deleteStore() throws Exception {
    DirectoryTrees.delete(artifacts);
  }

  ResolvedStack stack(SparkStepOperatorConfig config) {
    Map<ComponentType, ComponentModel> models = new HashMap<>();
    Map<ComponentType, Object> components = new HashMap<>();
    models.put(ComponentType.ORCHESTRATOR, new ComponentModel("default", ComponentType.ORCHESTRATOR, "local", Map.of()));
    components.put(ComponentType.ORCHESTRATOR, new LocalOrchestrator(4));
    models.put(ComponentType.ARTIFACT_STORE, new ComponentModel("default", ComponentType.ARTIFACT_STORE, "local",
        Map.of("path", artifacts.toString())));
    components.put(ComponentType.ARTIFACT_STORE, new LocalArtifactStore(artifacts));
    models.put(ComponentType.STEP_OPERATOR, new ComponentModel("spark_ops", ComponentType.STEP_OPERATOR, "spark",
        Map.of("master", config.master(), "deploy_mode", config.deployMode())));
    components.put(ComponentType.STEP_OPERATOR,
        new SparkStepOperator("spark_ops", config, SparkTestFixtures.cache(), System.getenv()));
    return new ResolvedStack(new StackView("spark_stack", models), components);
  }

  static SparkStepOperatorConfig local(String timeout) {
    return new SparkStepOperatorConfig("local[2]", "client", Map.of("spark.sql.shuffle.partitions", "2"), null, timeout);
  }

  JsonNode launchRecord(String runId, String invocation) throws Exception {
    try (var files = Files.walk(artifacts.resolve("runs").resolve(runId))) {
      Path record = files.filter(p -> p.getFileName().toString().equals(SparkStepOperator.LAUNCH_RECORD)
          && p.toString().contains(invocation)).findFirst().orElseThrow();
      return JsonCodec.mapper().readTree(record.toFile());
    }
  }

  @Test
  void aSparkStepFeedsAnInProcessStep() throws Exception {
    AtomicReference<StepOutput<Long>> evens = new AtomicReference<>();
    AtomicReference<StepOutput<Long>> doubled = new AtomicReference<>();
    Pipeline pipeline = Pipeline.define("spark_numbers", () -> {
      evens.set(SparkStepsSteps.countEvens(Input.of(1000L)));
      doubled.set(NumbersSteps.add(evens.get(), evens.get()));
    });
    PipelineRun run = pipeline.run(RunOptions.defaults().onStack(stack(local(null))).withStepOperator("add", "")
        .withSparkConf(RunOptions.ALL_STEPS, "spark.sql.shuffle.partitions", "3")
        .withSparkConf("countEvens", "spark.executor.memory", "640m"));

    assertEquals(RunState.COMPLETED, run.state(), () -> run.record().toString());
    assertEquals(500L, run.output(evens.get()));
    assertEquals(1000L, run.output(doubled.get()));
    StepRecord spark = run.step(evens.get()).orElseThrow();
    assertEquals(Optional.of("spark_ops"), spark.stepOperator());
    assertEquals(Optional.of(0), spark.exitCode());
    String log = new RunStore(new LocalArtifactStore(artifacts)).logs(run.runId(), Optional.of("countEvens"));
    assertTrue(log.contains("counted 500 evens below 1000"), log);

    JsonNode record = launchRecord(run.runId(), "countEvens");
    assertTrue(record.path("appId").asText().startsWith("local-"), record.toString());
    List<String> argv = JsonCodec.mapper().convertValue(record.path("argv"), List.class);
    assertTrue(argv.get(0).endsWith("bin/spark-submit"));
    assertTrue(argv.contains("dev.stepwise.spark.fixtures.SparkSteps_CountEvensStepEntrypoint"), argv.toString());
    assertTrue(argv.contains("spark.executor.memory=640m") && argv.contains("spark.master=local[1]"), argv.toString());
    assertTrue(argv.contains("spark.sql.shuffle.partitions=3"), "the run override wins over submit_kwargs: " + argv);
    assertTrue(record.path("conf").toString().contains(
        "{\"key\":\"spark.executor.memory\",\"value\":\"640m\",\"source\":\"run override\"}"), record.toString());
    assertTrue(argv.contains("spark.stepwise.run-id=" + run.runId()), argv.toString());
    assertTrue(record.path("conf").toString().contains("\"source\":\"@ResourceSettings\""), record.toString());
    assertFalse(launchRecordVanished(run.runId()), "a finished launch is not reported as vanished while this JVM lives");
  }

  private boolean launchRecordVanished(String runId) throws Exception {
    JsonNode record = launchRecord(runId, "countEvens");
    return JsonCodec.mapper().treeToValue(record, SparkLaunchRecord.class).vanishedReason().isPresent();
  }

  @Test
  void aThrowingSparkStepFailsWithItsExitCodeAndMessage() throws Exception {
    AtomicReference<StepOutput<Long>> failing = new AtomicReference<>();
    Pipeline pipeline = Pipeline.define("spark_failing", () -> failing.set(SparkStepsSteps.failInSpark(Input.of(7L))));
    PipelineRun run = pipeline.run(RunOptions.defaults().onStack(stack(local(null))));

    assertEquals(RunState.FAILED, run.state());
    StepRecord failed = run.step(failing.get()).orElseThrow();
    assertEquals(StepState.FAILED, failed.state());
    assertEquals(Optional.of(66), failed.exitCode());
    assertEquals(IllegalStateException.class.getName(), failed.error().orElseThrow().exceptionClass());
    assertTrue(failed.error().orElseThrow().message().contains("no odd numbers allowed in 7"), failed.toString());
    String log = new RunStore(new LocalArtifactStore(artifacts)).logs(run.runId(), Optional.of("failInSpark"));
    assertTrue(log.contains("stepwise: Spark step failed: Spark reported"), log);
  }

  @Test
  void cancellingARunKillsTheSparkApplication() throws Exception {
    Pipeline pipeline = Pipeline.define("spark_slow", () -> SparkStepsSteps.sleepInSpark(Input.of(120_000L)));
    PipelineRun run = pipeline.start(RunOptions.defaults().onStack(stack(local(null))));
    List<ProcessHandle> sparkJvms = awaitSleepingDriver(run);

    run.cancel();

    assertEquals(RunState.CANCELLED, run.state());
    assertEquals(StepState.CANCELLED, run.record().step("sleepInSpark").orElseThrow().state());
    assertTrue(sparkJvms.stream().noneMatch(ProcessHandle::isAlive), "a Spark JVM survived the cancel");
  }

  @Test
  void aTimedOutSparkStepIsKilledAndFails() throws Exception {
    Pipeline pipeline = Pipeline.define("spark_timeout", () -> SparkStepsSteps.sleepInSpark(Input.of(120_000L)));
    PipelineRun run = pipeline.start(RunOptions.defaults().onStack(stack(local("15s"))));
    // every process the run starts, seen while it runs (the timeout may strike before Spark is up)
    java.util.Set<ProcessHandle> sparkJvms = new java.util.LinkedHashSet<>();
    long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
    while (!run.await(java.time.Duration.ofMillis(100))) {
      ProcessHandle.current().descendants().forEach(sparkJvms::add);
      assertTrue(System.nanoTime() < deadline, "the timeout did not end the run");
    }
    assertFalse(sparkJvms.isEmpty());
    StepRecord step = run.record().step("sleepInSpark").orElseThrow();
    assertEquals(StepState.FAILED, step.state());
    assertTrue(sparkJvms.stream().noneMatch(ProcessHandle::isAlive), () -> "a Spark JVM survived the timeout: "
        + sparkJvms.stream().filter(ProcessHandle::isAlive).map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList());
    String log = new RunStore(new LocalArtifactStore(artifacts)).logs(run.runId(), Optional.of("sleepInSpark"));
    assertTrue(log.contains("exceeded its timeout of 15s"), log);
    String why = step.error().orElseThrow().message();
    assertTrue(why.contains("timed out after 15s"), why);
    assertTrue(why.contains("'timeout' setting of step operator 'spark_ops'")
        && why.contains("stepwise step-operator update spark_ops --timeout="), why);
    assertFalse(step.logTail().isEmpty(), "a timed-out step keeps the tail of its log: " + step);
    assertTrue(step.logTail().size() <= 50, step.logTail().toString());
  }

  /**
   * Waits until the driver prints that it sleeps, for as long as the step is still going: Spark may
   * take minutes to start on a loaded machine. Fails at once if the step ended instead; the
   * 15-minute net only stops a test that would otherwise hang.
   */
  private List<ProcessHandle> awaitSleepingDriver(PipelineRun run) throws Exception {
    RunStore runs = new RunStore(new LocalArtifactStore(artifacts));
    long net = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(15);
    while (System.nanoTime() < net) {
      if (runs.logs(run.runId(), Optional.of("sleepInSpark")).contains("sleeping in spark")) {
        List<ProcessHandle> jvms = ProcessHandle.current().descendants().toList();
        assertFalse(jvms.isEmpty());
        return jvms;
      }
      if (run.record().step("sleepInSpark").orElseThrow().state().isFinal()) {
        throw new AssertionError("the Spark step ended before it slept: " + run.record());
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the Spark step never started sleeping: " + run.record());
  }
}

package dev.stepwise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.artifact.ArtifactStore;
import dev.stepwise.fixtures.NumbersSteps;
import dev.stepwise.flavor.ComponentType;
import dev.stepwise.orchestrator.RunRecord;
import dev.stepwise.orchestrator.RunState;
import dev.stepwise.orchestrator.RunStore;
import dev.stepwise.pipeline.Input;
import dev.stepwise.pipeline.Pipeline;
import dev.stepwise.pipeline.PipelineDefinition;
import dev.stepwise.stack.Stacks;
import dev.stepwise.stack.StepwiseEnvironment;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drives {@code stepwise run ...} and {@code stepwise pipeline run} as a user would, on a temporary config dir. */
class RunCommandsTest {
  @TempDir Path config;

  record Result(int code, String out, String err) {}

  StepwiseEnvironment environment() {
    return new StepwiseEnvironment(Map.of(StepwiseEnvironment.CONFIG_DIR_VARIABLE, config.toString()), config, config);
  }

  Result stepwise(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(environment(), new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Result(code, out.toString(), err.toString());
  }

  RunStore runs() {
    return new RunStore(Stacks.active(environment()).require(ComponentType.ARTIFACT_STORE, ArtifactStore.class));
  }

  @Test
  void pipelineRunThenListDescribeLogs() throws Exception {
    Result empty = stepwise("run", "list");
    assertEquals(0, empty.code(), empty.err());
    assertTrue(empty.out().contains("No runs recorded yet"), empty.out());

    Result ran = stepwise("pipeline", "run", "dev.stepwise.fixtures.NumbersPipeline",
        "--classpath", System.getProperty("java.class.path"));
    assertEquals(0, ran.code(), ran.err());
    assertTrue(ran.out().contains("COMPLETED"), ran.out());

    RunRecord run = runs().list().get(0);
    assertEquals(RunState.COMPLETED, run.state());
    assertEquals("default", run.stack());
    assertTrue(ran.out().contains(run.runId()));

    Result list = stepwise("run", "list");
    assertTrue(list.out().contains(run.runId()) && list.out().contains("cli_numbers")
        && list.out().contains("COMPLETED"), list.out());

    Result describe = stepwise("run", "describe", run.runId());
    assertEquals(0, describe.code(), describe.err());
    assertTrue(describe.out().contains("square_2") && describe.out().contains("(in process)"), describe.out());

    Result json = stepwise("run", "describe", run.runId(), "--json");
    assertTrue(json.out().contains("\"state\" : \"COMPLETED\""), json.out());

    Result logs = stepwise("run", "logs", run.runId(), "--step", "sink");
    // the step's log says why it was not taken from the cache, with what the lookup cost, then its output
    assertTrue(logs.out().matches("stepwise: cache missed: no earlier run of this step is cached"
        + " \\(key and lookup: [0-9]+ ms\\)\nsink 13\n"), logs.out());
    Result followed = stepwise("run", "logs", run.runId(), "--follow");
    assertTrue(followed.out().contains("[square_2] squaring 3"), followed.out());
  }

  @Test
  void stepOperatorRegisteredWithTheCliRunsTheStepInAChildJvm() throws Exception {
    Result missing = stepwise("pipeline", "run", "dev.stepwise.fixtures.OpsPipeline");
    assertEquals(ExitCodes.USER_ERROR, missing.code());
    assertTrue(missing.err().contains("needs step operator 'local_ops' but stack 'default' does not have it"
        + " (available step operators: 'local_spark' (flavor spark))"), missing.err());
    assertTrue(runs().list().isEmpty(), "nothing may run or be recorded");

    assertEquals(0, stepwise("step-operator", "register", "local_ops", "--flavor=local").code());
    Result registered = stepwise("stack", "register", "ops", "-o", "default", "-a", "default", "-s", "local_ops", "--set");
    assertEquals(0, registered.code(), registered.err());

    Result ran = stepwise("pipeline", "run", "dev.stepwise.fixtures.OpsPipeline");
    assertEquals(0, ran.code(), ran.out() + ran.err());
    RunRecord run = runs().list().get(0);
    assertEquals("ops", run.stack());
    assertEquals("local_ops", run.step("summarize").orElseThrow().stepOperator().orElseThrow());
    Result logs = stepwise("run", "logs", run.runId(), "--step", "summarize");
    assertTrue(logs.out().contains("summarizing sum") && logs.out().contains("to stderr 13"), logs.out());
  }

  @Test
  void errorsSayWhatToDo() {
    Result noRun = stepwise("run", "describe", "nope");
    assertEquals(ExitCodes.USER_ERROR, noRun.code());
    assertTrue(noRun.err().contains("no run 'nope'") && noRun.err().contains("stepwise run list"), noRun.err());

    Result badId = stepwise("run", "logs", "../etc");
    assertEquals(ExitCodes.USER_ERROR, badId.code());
    assertTrue(badId.err().contains("is not a run id"), badId.err());

    Result noStack = stepwise("run", "list", "--stack", "ghost");
    assertEquals(ExitCodes.USER_ERROR, noStack.code());
    assertTrue(noStack.err().contains("ghost"), noStack.err());

    Result noClass = stepwise("pipeline", "run", "com.example.Missing");
    assertEquals(ExitCodes.USER_ERROR, noClass.code());
    assertTrue(noClass.err().contains("is not on the class path") && noClass.err().contains("--classpath"), noClass.err());

    Result notDefinition = stepwise("pipeline", "run", "java.lang.String");
    assertEquals(ExitCodes.USER_ERROR, notDefinition.code());
    assertTrue(notDefinition.err().contains("does not implement dev.stepwise.pipeline.PipelineDefinition"), notDefinition.err());

    Result badCp = stepwise("pipeline", "run", "x.Y", "--classpath", "/no/such/dir");
    assertEquals(ExitCodes.USER_ERROR, badCp.code());
    assertTrue(badCp.err().contains("'/no/such/dir' does not exist"), badCp.err());

    Result badKey = stepwise("pipeline", "run", "dev.stepwise.fixtures.NumbersPipeline", "--conf", "executor.memory=4g");
    assertEquals(ExitCodes.USER_ERROR, badKey.code());
    assertTrue(badKey.err().contains("--conf executor.memory=4g: run override key 'executor.memory' is not a Spark"
        + " property; keys look like 'spark.executor.instances'"), badKey.err());
    Result noEquals = stepwise("pipeline", "run", "dev.stepwise.fixtures.NumbersPipeline", "--step-conf", "square:spark.x");
    assertEquals(ExitCodes.USER_ERROR, noEquals.code());
    assertTrue(noEquals.err().contains("has no '='; write it as spark.key=value"), noEquals.err());
    Result noStep = stepwise("pipeline", "run", "dev.stepwise.fixtures.NumbersPipeline", "--step-conf", "spark.x=1");
    assertEquals(ExitCodes.USER_ERROR, noStep.code());
    assertTrue(noStep.err().contains("names no step; write it as STEP:spark.key=value"), noStep.err());
    Result unknownStep = stepwise("pipeline", "run", "dev.stepwise.fixtures.NumbersPipeline",
        "--step-conf", "ghost:spark.executor.memory=1g");
    assertEquals(ExitCodes.USER_ERROR, unknownStep.code());
    assertTrue(unknownStep.err().contains("the Spark overrides for step 'ghost' name no step of the pipeline")
        && unknownStep.err().contains("nothing was started"), unknownStep.err());
    assertTrue(stepwise("run", "list").out().startsWith("No runs recorded yet"), "refused runs leave no record");

    Result cancelMissing = stepwise("run", "cancel", "nope");
    assertEquals(ExitCodes.USER_ERROR, cancelMissing.code());
    assertTrue(cancelMissing.err().contains("no run 'nope'"), cancelMissing.err());

    Result group = stepwise("stack");
    Result runGroup = stepwise("run");
    assertEquals(group.code(), runGroup.code(), "the run group behaves like the other groups");
    assertTrue(runGroup.err().contains("list, describe, logs, cancel"), runGroup.err());
  }

  @Test
  void failedRunAndRefusedCancel() throws Exception {
    Result failed = stepwise("pipeline", "run", ExplodingPipeline.class.getName());
    assertEquals(ExitCodes.RUN_FAILED, failed.code(), failed.out() + failed.err());
    RunRecord run = runs().list().get(0);
    assertEquals(RunState.FAILED, run.state(), run.toString());
    assertTrue(run.step("explode").orElseThrow().error().orElseThrow().message().contains("boom at 4"), run.toString());

    Result cancel = stepwise("run", "cancel", run.runId());
    assertEquals(ExitCodes.USER_ERROR, cancel.code());
    assertTrue(cancel.err().contains("is already FAILED"), cancel.err());
    assertEquals(RunState.FAILED, runs().describe(run.runId()).orElseThrow().state(), "a refused cancel changes nothing");

    assertEquals(0, stepwise("pipeline", "run", "dev.stepwise.fixtures.NumbersPipeline").code());
    String completed = runs().list().stream().filter(r -> r.state() == RunState.COMPLETED).findFirst().orElseThrow().runId();
    Result cancelCompleted = stepwise("run", "cancel", completed);
    assertEquals(ExitCodes.USER_ERROR, cancelCompleted.code());
    assertTrue(cancelCompleted.err().contains("is already COMPLETED"), cancelCompleted.err());
  }

  /** A pipeline whose middle step throws, for {@code stepwise pipeline run}. */
  public static class ExplodingPipeline implements PipelineDefinition {
    @Override
    public Pipeline pipeline() {
      return Pipeline.define("cli_exploding", () -> NumbersSteps.sink(NumbersSteps.explode(NumbersSteps.square(Input.of(2)))));
    }
  }
}

package dev.stepwise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.artifact.LocalArtifactStore;
import dev.stepwise.orchestrator.LocalOrchestrator;
import dev.stepwise.orchestrator.RunRecord;
import dev.stepwise.orchestrator.RunState;
import dev.stepwise.orchestrator.RunStore;
import dev.stepwise.stack.ComponentModel;
import dev.stepwise.stack.ComponentType;
import dev.stepwise.stack.ResolvedStack;
import dev.stepwise.stack.StackException;
import dev.stepwise.stack.StackView;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Constructor;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Drives the run and pipeline commands as a user would, on a local stack built in the test. */
class RunCommandsTest {
  @TempDir Path artifacts;

  record Result(int code, String out, String err) {}

  @picocli.CommandLine.Command(name = "stepwise", subcommands = {RunCommand.class, PipelineCommand.class})
  static final class Root {}

  ResolvedStack stack() {
    return new ResolvedStack(new StackView("cli_stack", Map.of(
        ComponentType.ORCHESTRATOR, new ComponentModel("default", ComponentType.ORCHESTRATOR, "local", Map.of()),
        ComponentType.ARTIFACT_STORE, new ComponentModel("default", ComponentType.ARTIFACT_STORE, "local",
            Map.of("path", artifacts.toString())))),
        Map.of(ComponentType.ORCHESTRATOR, new LocalOrchestrator(2),
            ComponentType.ARTIFACT_STORE, new LocalArtifactStore(artifacts)));
  }

  Result stepwise(String... args) {
    RunCommand.StackLookup lookup = name -> {
      if (name.isPresent() && !name.get().equals("cli_stack")) {
        throw new StackException("no stack '" + name.get() + "'; see 'stepwise stack list'");
      }
      return stack();
    };
    CommandLine.IFactory factory = new CommandLine.IFactory() {
      @Override
      public <K> K create(Class<K> type) throws Exception {
        for (Constructor<?> c : type.getDeclaredConstructors()) {
          if (c.getParameterCount() == 1 && c.getParameterTypes()[0] == RunCommand.StackLookup.class) {
            return type.cast(c.newInstance(lookup));
          }
        }
        return CommandLine.defaultFactory().create(type);
      }
    };
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new Root(), factory);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void pipelineRunThenListDescribeLogs() throws Exception {
    Result empty = stepwise("run", "list");
    assertEquals(0, empty.code());
    assertTrue(empty.out().contains("No runs recorded yet"), empty.out());

    Result ran = stepwise("pipeline", "run", "dev.stepwise.fixtures.NumbersPipeline",
        "--classpath", System.getProperty("java.class.path"));
    assertEquals(0, ran.code(), ran.err());
    assertTrue(ran.out().contains("COMPLETED"), ran.out());

    RunRecord run = new RunStore(new LocalArtifactStore(artifacts)).list().get(0);
    assertEquals(RunState.COMPLETED, run.state());
    assertTrue(ran.out().contains(run.runId()));

    Result list = stepwise("run", "list");
    assertTrue(list.out().contains(run.runId()) && list.out().contains("cli_numbers")
        && list.out().contains("COMPLETED"), list.out());

    Result describe = stepwise("run", "describe", run.runId());
    assertEquals(0, describe.code(), describe.err());
    assertTrue(describe.out().contains("square_2") && describe.out().contains("(in-process)"), describe.out());

    Result json = stepwise("run", "describe", run.runId(), "--json");
    assertTrue(json.out().contains("\"state\" : \"COMPLETED\""), json.out());

    Result logs = stepwise("run", "logs", run.runId(), "--step", "sink");
    assertEquals("sink 13\n", logs.out());
    Result followed = stepwise("run", "logs", run.runId(), "--follow");
    assertTrue(followed.out().contains("[square_2] squaring 3"), followed.out());
  }

  @Test
  void errorsSayWhatToDo() {
    Result noRun = stepwise("run", "describe", "nope");
    assertEquals(1, noRun.code());
    assertTrue(noRun.err().contains("no run 'nope'") && noRun.err().contains("stepwise run list"), noRun.err());

    Result badId = stepwise("run", "logs", "../etc");
    assertEquals(1, badId.code());
    assertTrue(badId.err().contains("is not a run id"), badId.err());

    Result noStack = stepwise("run", "list", "--stack", "ghost");
    assertEquals(1, noStack.code());
    assertTrue(noStack.err().contains("no stack 'ghost'"), noStack.err());

    Result noClass = stepwise("pipeline", "run", "com.example.Missing");
    assertEquals(1, noClass.code());
    assertTrue(noClass.err().contains("is not on the class path") && noClass.err().contains("--classpath"), noClass.err());

    Result notDefinition = stepwise("pipeline", "run", "java.lang.String");
    assertEquals(1, notDefinition.code());
    assertTrue(notDefinition.err().contains("does not implement dev.stepwise.pipeline.PipelineDefinition"), notDefinition.err());

    Result badCp = stepwise("pipeline", "run", "x.Y", "--classpath", "/no/such/dir");
    assertEquals(1, badCp.code());
    assertTrue(badCp.err().contains("'/no/such/dir' does not exist"), badCp.err());

    Result cancelDone = stepwise("run", "cancel", "nope");
    assertEquals(1, cancelDone.code());
    assertTrue(cancelDone.err().contains("no run 'nope'"), cancelDone.err());
  }

  @Test
  void cancelOfAFinishedRunIsRefused() {
    assertEquals(0, stepwise("pipeline", "run", "dev.stepwise.fixtures.NumbersPipeline").code());
    String runId = stepwise("run", "list").out().lines().skip(1).findFirst().orElseThrow().split(" ")[0];
    Result cancel = stepwise("run", "cancel", runId);
    assertEquals(1, cancel.code());
    assertTrue(cancel.err().contains("is already COMPLETED"), cancel.err());
  }
}

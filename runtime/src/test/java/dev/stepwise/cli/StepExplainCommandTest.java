package dev.stepwise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.artifact.JsonCodec;
import dev.stepwise.spark.SparkStepOperator;
import dev.stepwise.spark.SparkStepOperatorConfig;
import dev.stepwise.spark.StepwiseCacheDir;
import dev.stepwise.stack.ComponentModel;
import dev.stepwise.stack.ComponentType;
import dev.stepwise.stack.ResolvedStack;
import dev.stepwise.stack.StackView;
import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code stepwise step explain} on the hand-written Spark fixtures, against a stack built in the test. */
class StepExplainCommandTest {
  private final List<Optional<String>> askedStacks = new java.util.ArrayList<>();

  private ResolvedStack stack(Object stepOperator) {
    Map<ComponentType, ComponentModel> models = new HashMap<>();
    Map<ComponentType, Object> components = new HashMap<>();
    if (stepOperator != null) {
      models.put(ComponentType.STEP_OPERATOR, new ComponentModel("spark_ops", ComponentType.STEP_OPERATOR, "spark", Map.of()));
      components.put(ComponentType.STEP_OPERATOR, stepOperator);
    }
    return new ResolvedStack(new StackView("spark_stack", models), components);
  }

  private record Result(int code, String out, String err) {}

  private Result run(Object stepOperator, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new StepCommand(), new CommandLine.IFactory() {
      @Override
      public <K> K create(Class<K> cls) throws Exception {
        if (cls == StepExplainCommand.class) {
          return cls.cast(new StepExplainCommand(name -> {
            askedStacks.add(name);
            return stack(stepOperator);
          }));
        }
        return CommandLine.defaultFactory().create(cls);
      }
    });
    cli.setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  private static SparkStepOperator sparkOperator() throws Exception {
    StepwiseCacheDir cache = new StepwiseCacheDir(Files.createTempDirectory("stepwise-explain").resolve("stepwise"));
    return new SparkStepOperator("spark_ops",
        new SparkStepOperatorConfig("local[2]", "client", Map.of(), null, null), cache, Map.of());
  }

  private static String classpath() {
    return System.getProperty("java.class.path");
  }

  @Test
  void explainPrintsArgvAndSourcesWithoutLaunching() throws Exception {
    Result r = run(sparkOperator(), "explain", "countEvens", "--classpath", classpath(), "--stack", "spark_stack");
    assertEquals(0, r.code(), r.err());
    assertEquals(List.of(Optional.of("spark_stack")), askedStacks);
    assertTrue(r.out().contains("--class dev.stepwise.spark.fixtures.SparkSteps_CountEvensStepEntrypoint"), r.out());
    assertTrue(r.out().contains("spark.executor.memory   = 512m  [@ResourceSettings]")
        || r.out().matches("(?s).*spark\\.executor\\.memory\\s+= 512m  \\[@ResourceSettings\\].*"), r.out());
    assertTrue(r.out().matches("(?s).*spark\\.ui\\.enabled\\s+= false  \\[@SparkStepOperatorSettings\\].*"), r.out());
    assertTrue(ProcessHandle.current().children().findAny().isEmpty(), "explain launches nothing");
  }

  @Test
  void explainJsonHasArgvAndConf() throws Exception {
    Result r = run(sparkOperator(), "explain", "dev.stepwise.spark.fixtures.SparkSteps#countEvens",
        "--classpath", classpath(), "--json");
    assertEquals(0, r.code(), r.err());
    JsonNode json = JsonCodec.mapper().readTree(r.out());
    assertEquals("spark-submit", json.path("argv").get(0).asText());
    boolean cores = false;
    for (JsonNode entry : json.path("conf")) {
      cores |= entry.path("key").asText().equals("spark.executor.cores") && entry.path("value").asText().equals("1")
          && entry.path("source").asText().equals("@ResourceSettings");
    }
    assertTrue(cores, r.out());
  }

  @Test
  void unknownStepListsTheKnownOnes() throws Exception {
    Result r = run(sparkOperator(), "explain", "nope", "--classpath", classpath());
    assertEquals(1, r.code());
    assertTrue(r.err().contains("no step 'nope'") && r.err().contains("countEvens (dev.stepwise.spark.fixtures.SparkSteps#countEvens)"), r.err());
  }

  @Test
  void stackWithoutASparkOperatorSaysHowToAddOne() {
    Result r = run(null, "explain", "countEvens", "--classpath", classpath());
    assertEquals(1, r.code());
    assertTrue(r.err().contains("needs step operator 'spark_ops'") && r.err().contains("--flavor=spark"), r.err());
  }

  @Test
  void emptyClasspathSaysToBuild() throws Exception {
    Result r = run(sparkOperator(), "explain", "countEvens", "--classpath", Files.createTempDirectory("empty") + File.pathSeparator);
    assertEquals(1, r.code());
    assertTrue(r.err().contains("mvn package"), r.err());
  }
}

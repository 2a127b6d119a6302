package dev.stepwise.examples.wine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.artifact.ArtifactStorage;
import dev.stepwise.artifact.ArtifactStore;
import dev.stepwise.artifact.Materializers;
import dev.stepwise.flavor.ComponentType;
import dev.stepwise.orchestrator.RunState;
import dev.stepwise.orchestrator.RunStore;
import dev.stepwise.orchestrator.StepRecord;
import dev.stepwise.pipeline.PipelineRun;
import dev.stepwise.pipeline.RunOptions;
import dev.stepwise.spark.SparkHomeJars;
import dev.stepwise.stack.ResolvedStack;
import dev.stepwise.stack.Stacks;
import dev.stepwise.stack.StepwiseEnvironment;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The flagship pipeline end to end on a fresh configuration: the built-in default stack with its
 * {@code local_spark} step operator (real Spark, local[*], through spark-submit), reached through
 * {@code @Step(stepOperator = Step.ACTIVE_STACK_OPERATOR)}, and the shipped data.
 */
class WinePipelineTest {
  @TempDir Path config;

  @BeforeAll
  static void useTheShippedDataAndAProjectCache() {
    // Maven runs tests in the module directory; the pipeline's default path is relative to the repository root
    System.setProperty("stepwise.example.data", Path.of("data/wine.csv").toAbsolutePath().toString());
    // the embedded Spark home is assembled once per build tree instead of in the user's ~/.cache
    System.setProperty("stepwise.cacheDir", Path.of("target/stepwise-cache").toAbsolutePath().toString());
  }

  @Test
  void classifiesTheWinesOnTheDefaultStack() throws Exception {
    StepwiseEnvironment environment = new StepwiseEnvironment(
        Map.of(StepwiseEnvironment.CONFIG_DIR_VARIABLE, config.toString()), config, config);
    ResolvedStack stack = Stacks.active(environment);
    assertEquals("default", stack.name());
    // the Spark steps' JVMs get this test's class path (target/classes and every dependency), as jars and directories
    List<String> classpath = SparkHomeJars.classpathEntries().stream().map(Path::toString).toList();

    PipelineRun run = new WinePipeline().pipeline().run(RunOptions.defaults().onStack(stack).withClasspath(classpath));

    ArtifactStore store = stack.require(ComponentType.ARTIFACT_STORE, ArtifactStore.class);
    assertEquals(RunState.COMPLETED, run.state(), () -> run.record() + "\n" + logs(store, run.runId()));
    StepRecord train = run.record().step("trainClassifier").orElseThrow();
    assertEquals(Optional.of("local_spark"), train.stepOperator()); // @active resolved to the stack's operator
    WineReport report = (WineReport) new ArtifactStorage(store, Materializers.discover())
        .load(train.output().orElseThrow(), WineReport.class);

    assertTrue(report.accuracy() > 0.85, () -> "accuracy " + report.accuracy() + "\n" + report.render());
    long classified = report.confusion().stream().flatMap(List::stream).mapToLong(Long::longValue).sum();
    assertEquals(report.testRows(), classified, "the confusion matrix counts every test wine once");
    assertEquals(178, report.trainRows() + report.testRows(), "all 178 wines of the UCI data are used");
    assertEquals(3, report.profiles().size(), report.render());
    String printed = new RunStore(store).logs(run.runId(), Optional.of("printReport"));
    assertTrue(printed.contains("confusion matrix"), printed);
  }

  private static String logs(ArtifactStore store, String runId) {
    try {
      return new RunStore(store).logs(runId, Optional.empty());
    } catch (Exception e) {
      return "(no logs: " + e + ")";
    }
  }
}

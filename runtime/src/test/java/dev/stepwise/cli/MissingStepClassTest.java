package dev.stepwise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A step whose signature names a class of a library the user left off the run's class path (as
 * with spark-mllib in Maven's {@code provided} scope and a step that returns a model): the pipeline
 * cannot be defined, and {@code pipeline run} says which class is missing and how to add it,
 * instead of a JVM stack trace.
 */
class MissingStepClassTest {
  @TempDir Path root;

  @Test
  void aStepTypeMissingFromTheClassPathIsAnErrorWithTheFix() throws Exception {
    Path library = UserProject.compile(root.resolve("lib-src"), root.resolve("lib"), Map.of(
        "com/acme/lib/Model.java", """
            package com.acme.lib;

            public record Model(double weight) {}
            """), List.of());
    Path classes = UserProject.compile(root.resolve("src"), root.resolve("classes"), Map.of(
        "com/acme/fit/FitSteps.java", """
            package com.acme.fit;

            import com.acme.lib.Model;
            import dev.stepwise.annotations.Step;

            public final class FitSteps {
              @Step
              public static Model fit(double weight) {
                return new Model(weight);
              }
            }
            """,
        "com/acme/fit/FitPipeline.java", """
            package com.acme.fit;

            import dev.stepwise.pipeline.Input;
            import dev.stepwise.pipeline.Pipeline;
            import dev.stepwise.pipeline.PipelineDefinition;

            public final class FitPipeline implements PipelineDefinition {
              @Override
              public Pipeline pipeline() {
                return Pipeline.define("fit", () -> FitStepsSteps.fit(Input.of(0.5)));
              }
            }
            """), List.of(library));
    assertTrue(Files.isRegularFile(library.resolve("com/acme/lib/Model.class")));

    CliHarness cli = new CliHarness(root);
    CliHarness.Result result = cli.run("pipeline", "run", "com.acme.fit.FitPipeline", "--classpath", classes.toString());
    assertEquals(ExitCodes.USER_ERROR, result.exitCode(), result.toString());
    assertTrue(result.err().contains("needs the class com.acme.lib.Model, which is not on the class path"),
        result.toString());
    assertTrue(result.err().contains("--classpath") && result.err().contains("compile"), result.toString());
    assertFalse(result.out().contains("Started run"), "nothing was started: " + result);

    // with the library on the class path, the same project runs
    CliHarness.Result fixed = cli.run("pipeline", "run", "com.acme.fit.FitPipeline", "--classpath",
        classes + java.io.File.pathSeparator + library);
    assertEquals(0, fixed.exitCode(), fixed.toString());
  }
}

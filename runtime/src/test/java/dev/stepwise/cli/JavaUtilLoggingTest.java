package dev.stepwise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.fixtures.JulPipeline;
import dev.stepwise.stack.StepwiseEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code stepwise pipeline run} as its own process, with a library logging through
 * java.util.logging in the CLI's JVM (as Spark's launcher does): the record goes through SLF4J, the
 * CLI's one backend, and never as JUL's own two-line console record.
 */
class JavaUtilLoggingTest {
  @TempDir Path dir;

  @Test
  void javaUtilLoggingGoesThroughSlf4jNotToTheConsole() throws Exception {
    Path log = dir.resolve("pipeline-run.log");
    ProcessBuilder builder = new ProcessBuilder(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "pipeline", "run", JulPipeline.class.getName()))
        .redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put(StepwiseEnvironment.CONFIG_DIR_VARIABLE, dir.resolve("config").toString());
    Process cli = builder.start();
    assertTrue(cli.waitFor(120, TimeUnit.SECONDS), "pipeline run did not end");
    String output = Files.readString(log);
    assertEquals(0, cli.exitValue(), output);
    assertTrue(output.contains("COMPLETED"), output);
    // JUL's console handler prints "<date> <class> <method>" and then "WARNING: <message>"
    assertFalse(output.contains("WARNING: jul warning from a step"), output);
    assertFalse(output.contains("dev.stepwise.fixtures.Numbers julWarning"), output);
  }
}

package dev.stepwise.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.cli.Main;
import dev.stepwise.stack.StepwiseEnvironment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code stepwise ARGS} as its own JVM, the way a user runs it: on this test's class path, with the
 * Spark tests' cache and a config dir of its own. Callers add where the output goes.
 */
public final class CliJvm {
  private CliJvm() {}

  public static ProcessBuilder builder(Path configDir, String... args) {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dstepwise.cacheDir=" + SparkTestFixtures.cache().path(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put(StepwiseEnvironment.CONFIG_DIR_VARIABLE, configDir.toString());
    return builder;
  }

  /**
   * Starts {@code stepwise ARGS} as from a clean shell, with none of this JVM's {@code SPARK_*} or
   * {@code AWS_*} variables, its output (both streams) in {@code logDir/log}.
   */
  public static Process startClean(Path configDir, Path logDir, String log, String... args) throws IOException {
    return startClean(configDir, logDir, log, java.util.Map.of(), args);
  }

  /** As above, with {@code environment} added (what a user's shell sets for their pipeline definition). */
  public static Process startClean(Path configDir, Path logDir, String log, java.util.Map<String, String> environment,
      String... args) throws IOException {
    ProcessBuilder builder = builder(configDir, args).redirectErrorStream(true)
        .redirectOutput(logDir.resolve(log).toFile());
    builder.environment().keySet().removeIf(key -> key.startsWith("SPARK_") || key.startsWith("AWS_"));
    builder.environment().putAll(environment);
    return builder.start();
  }

  /** Runs {@link #startClean} for a command that must succeed (a registration), logged to {@code cli-ARGS.log}. */
  public static void ok(Path configDir, Path logDir, String... args) throws Exception {
    String log = "cli-" + String.join("-", args).replaceAll("[^A-Za-z0-9_-]", "_");
    log = log.substring(0, Math.min(80, log.length())) + ".log";
    Process p = startClean(configDir, logDir, log, args);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), String.join(" ", args) + " did not return");
    assertEquals(0, p.exitValue(), String.join(" ", args) + ": "
        + Files.readString(logDir.resolve(log), StandardCharsets.ISO_8859_1));
  }
}

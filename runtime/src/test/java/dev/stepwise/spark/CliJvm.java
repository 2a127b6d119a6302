package dev.stepwise.spark;

import dev.stepwise.cli.Main;
import dev.stepwise.stack.StepwiseEnvironment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
}

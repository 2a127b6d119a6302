package dev.stepwise.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.cli.Main;
import dev.stepwise.spark.fixtures.SizedSparkSleepPipeline;
import dev.stepwise.stack.StepwiseEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which Spark home a launch uses, from {@code stepwise pipeline run} as its own process: the step
 * operator's {@code spark_home} wins over the {@code SPARK_HOME} environment variable, which wins
 * over the embedded home (as {@link SparkHomes} documents). Each home here is a recording
 * spark-submit, so the launch that reached it is seen. The run log also carries the warning of a
 * layer that overrides another.
 */
class SparkHomeChoiceTest {
  @TempDir Path dir;

  @Test
  void sparkHomeConfigWinsOverSparkHomeVariableWhichIsUsedWithoutIt() throws Exception {
    Path configured = recordingHome("configured");
    Path fromEnvironment = recordingHome("environment");

    assertEquals(0, cli("register-op.log", Map.of(), "step-operator", "register", "recorded", "--flavor=spark",
        "--master=local[1]", "--deploy_mode=client", "--spark_home=" + configured).waitFor());
    assertEquals(0, cli("register-stack.log", Map.of(), "stack", "register", "recorded_stack", "-o", "default",
        "-a", "default", "-s", "recorded").waitFor());

    // both given: spark_home wins; the overriding --conf leaves its warning in the run log
    String run = runPipeline("both.log", Map.of("SPARK_HOME", fromEnvironment.toString()),
        "--stack", "recorded_stack", "--conf", "spark.ui.enabled=true");
    assertTrue(Files.exists(configured.resolve("submitted")),
        "the configured spark_home was not used: " + read("both.log"));
    assertFalse(Files.exists(fromEnvironment.resolve("submitted")), "SPARK_HOME won over spark_home");
    Process logs = cli("logs.log", Map.of(), "run", "logs", run, "--stack", "recorded_stack");
    assertTrue(logs.waitFor(60, TimeUnit.SECONDS));
    assertTrue(read("logs.log").contains("spark.ui.enabled set by @SparkStepOperatorSettings to 'false' is overridden"
        + " by run override with 'true'"), "the override warning is missing from the run log: " + read("logs.log"));

    // SPARK_HOME alone (the default stack's local_spark has no spark_home): it is used, not the embedded home
    runPipeline("env.log", Map.of("SPARK_HOME", fromEnvironment.toString()));
    assertTrue(Files.exists(fromEnvironment.resolve("submitted")), "SPARK_HOME was not used: " + read("env.log"));
  }

  /** A Spark home whose spark-submit records that it ran and fails the step. */
  private Path recordingHome(String name) throws Exception {
    Path home = dir.resolve(name);
    Path submit = Files.createDirectories(home.resolve("bin")).resolve("spark-submit");
    Files.writeString(submit, "#!/bin/sh\necho \"$@\" > '" + home.resolve("submitted") + "'\nexit 3\n");
    assertTrue(submit.toFile().setExecutable(true));
    return home;
  }

  private String runPipeline(String log, Map<String, String> environment, String... extra) throws Exception {
    List<String> args = new ArrayList<>(List.of("pipeline", "run", SizedSparkSleepPipeline.class.getName()));
    args.addAll(List.of(extra));
    Process pipeline = cli(log, environment, args.toArray(String[]::new));
    // a recording home exits at once; a step that starts sleeping ran on a real Spark home instead
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    while (pipeline.isAlive() && !read(log).contains("sized step sleeping") && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    if (pipeline.isAlive()) {
      pipeline.descendants().forEach(ProcessHandle::destroyForcibly);
      pipeline.destroyForcibly();
      throw new AssertionError("the step ran on a real Spark home, not the recording one: " + read(log));
    }
    Matcher started = Pattern.compile("Started run (\\S+) ").matcher(read(log));
    assertTrue(started.find(), read(log));
    return started.group(1);
  }

  private Process cli(String log, Map<String, String> environment, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dstepwise.cacheDir=" + SparkTestFixtures.cache().path(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve(log).toFile());
    builder.environment().remove("SPARK_HOME");
    builder.environment().putAll(environment);
    builder.environment().put(StepwiseEnvironment.CONFIG_DIR_VARIABLE, dir.resolve("config").toString());
    return builder.start();
  }

  private String read(String log) throws Exception {
    Path file = dir.resolve(log);
    return Files.exists(file) ? Files.readString(file) : "";
  }
}

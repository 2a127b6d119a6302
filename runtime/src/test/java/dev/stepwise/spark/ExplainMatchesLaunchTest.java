package dev.stepwise.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.artifact.LocalArtifactStore;
import dev.stepwise.orchestrator.RunRecord;
import dev.stepwise.orchestrator.RunStore;
import dev.stepwise.spark.fixtures.SizedSparkSleepPipeline;
import dev.stepwise.support.JsonCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code stepwise step explain} against a real launch of the same step, both through the CLI as
 * their own processes: the argv explain prints is the argv the running spark-submit JVM got (read
 * from {@code /proc/<pid>/cmdline}), with only the run's id, app name and store root put back as
 * placeholders. Also the step's {@code @ResourceSettings} on the default stack's local master: the
 * driver JVM (where the local executor lives) gets its memory as {@code -Xmx}, its cores as
 * {@code local[N]}, and explain says so with the source.
 */
class ExplainMatchesLaunchTest {
  private static final String STEP = "sizedSleep";
  private static final String SPARK_SUBMIT_CLASS = "org.apache.spark.deploy.SparkSubmit";

  @TempDir Path dir;

  @Test
  void explainPrintsTheArgvOfTheRealLaunchAndLocalResourcesSizeTheDriver() throws Exception {
    // --classpath as a user gives it; the CLI adds its own jars for the step's JVM, and explain must too
    String classes = Path.of("target", "test-classes").toAbsolutePath().toString();
    Process pipeline = cli("pipeline-run.log", "pipeline", "run", SizedSparkSleepPipeline.class.getName(),
        "--classpath", classes);
    try {
      String runId = awaitSleeping(pipeline);
      List<String> cmdline = sparkSubmitCmdline(pipeline);

      Process explain = cli("explain.json", "step", "explain", STEP, "--pipeline", "sized_sleep", "--json",
          "--classpath", classes);
      assertTrue(explain.waitFor(180, TimeUnit.SECONDS), "step explain did not return");
      assertEquals(0, explain.exitValue(), read("explain.json"));
      JsonNode explained = JsonCodec.mapper().readTree(read("explain.json"));
      List<String> explainedArgv = new ArrayList<>();
      explained.path("argv").forEach(arg -> explainedArgv.add(arg.asText()));

      List<String> launched = placeholders(cmdline.subList(cmdline.indexOf(SPARK_SUBMIT_CLASS) + 1, cmdline.size()),
          runId, explainedArgv);
      // Spark's launcher re-orders options (its --conf map is a HashMap): compare what each one says
      assertEquals(Argv.of(explainedArgv.subList(1, explainedArgv.size())), Argv.of(launched),
          "step explain's argv is not the argv of the launch");

      // the local master's driver JVM is sized by @ResourceSettings(memory = "768MiB", cpuCount = 1)
      assertTrue(cmdline.contains("-Xmx768m"), "the driver JVM is not sized by the step's memory: " + cmdline);
      assertEquals("local[1]", explainedArgv.get(explainedArgv.indexOf("--master") + 1), explainedArgv.toString());
      assertTrue(hasEntry(explained, "spark.driver.memory", "768m", "@ResourceSettings"), explained.toString());
      assertTrue(hasEntry(explained, "spark.master", "local[1]", "@ResourceSettings"), explained.toString());
    } finally {
      kill(pipeline);
    }
  }

  /**
   * A spark-submit argv by meaning: each option with its values (an option given twice keeps both,
   * in order), the {@code --conf} keys as a sorted map, then the app resource and its args in order.
   */
  record Argv(java.util.SortedMap<String, List<String>> options, java.util.SortedMap<String, String> conf,
      List<String> app) {
    static Argv of(List<String> args) {
      java.util.SortedMap<String, List<String>> options = new java.util.TreeMap<>();
      java.util.SortedMap<String, String> conf = new java.util.TreeMap<>();
      int i = 0;
      while (i < args.size() && args.get(i).startsWith("--")) {
        String option = args.get(i);
        String value = args.get(i + 1);
        if (option.equals("--conf")) {
          int eq = value.indexOf('=');
          conf.put(value.substring(0, eq), value.substring(eq + 1));
        } else {
          options.computeIfAbsent(option, o -> new ArrayList<>()).add(value);
        }
        i += 2;
      }
      return new Argv(options, conf, List.copyOf(args.subList(i, args.size())));
    }

    @Override
    public String toString() {
      StringBuilder text = new StringBuilder();
      options.forEach((option, values) -> text.append("\n  ").append(option).append(' ').append(values));
      conf.forEach((key, value) -> text.append("\n  --conf ").append(key).append('=')
          .append(value.length() > 200 ? value.substring(0, 200) + "...(" + value.length() + " chars)" : value));
      return text.append("\n  app ").append(app).toString();
    }
  }

  private static boolean hasEntry(JsonNode explained, String key, String value, String source) {
    for (JsonNode entry : explained.path("conf")) {
      if (entry.path("key").asText().equals(key)) {
        return entry.path("value").asText().equals(value) && entry.path("source").asText().equals(source);
      }
    }
    return false;
  }

  /** The launched args with what only a run has (its id, app name, store root) as explain shows them. */
  private List<String> placeholders(List<String> args, String runId, List<String> explainedArgv) {
    String realAppName = args.get(args.indexOf("--name") + 1);
    String explainedAppName = explainedArgv.get(explainedArgv.indexOf("--name") + 1);
    String storeRoot = dir.resolve("config").resolve("artifacts").toUri().toString().replaceAll("/$", "");
    List<String> replaced = new ArrayList<>();
    for (String arg : args) {
      replaced.add(arg.equals(realAppName) ? explainedAppName
          : arg.replace(storeRoot, SparkStepOperator.ARTIFACT_STORE_PLACEHOLDER)
              .replace(runId, SparkStepOperator.RUN_ID_PLACEHOLDER));
    }
    return replaced;
  }

  /** The full command line of the spark-submit JVM below the CLI (the JDK's own view is cut short). */
  private static List<String> sparkSubmitCmdline(Process pipeline) throws Exception {
    for (ProcessHandle p : pipeline.descendants().toList()) {
      Path proc = Path.of("/proc", Long.toString(p.pid()), "cmdline");
      if (!Files.isReadable(proc)) {
        continue;
      }
      List<String> args = Arrays.asList(new String(Files.readAllBytes(proc), StandardCharsets.UTF_8).split("\0"));
      if (args.contains(SPARK_SUBMIT_CLASS)) {
        return args;
      }
    }
    throw new AssertionError("no " + SPARK_SUBMIT_CLASS + " JVM below the pipeline run");
  }

  /** {@code stepwise ARGS} as its own JVM, on this test's class path and a config dir of its own. */
  private Process cli(String log, String... args) throws Exception {
    return CliJvm.builder(dir.resolve("config"), args).redirectOutput(dir.resolve(log).toFile())
        .redirectError(dir.resolve(log + ".err").toFile()).start();
  }

  private RunStore runs() {
    return new RunStore(new LocalArtifactStore(dir.resolve("config").resolve("artifacts")));
  }

  private String awaitSleeping(Process pipeline) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    while (System.nanoTime() < deadline && pipeline.isAlive()) {
      List<RunRecord> all = Files.isDirectory(dir.resolve("config").resolve("artifacts")) ? runs().list() : List.of();
      if (!all.isEmpty() && runs().logs(all.get(0).runId(), Optional.of(STEP)).contains("sized step sleeping")) {
        return all.get(0).runId();
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the Spark step never started sleeping: " + read("pipeline-run.log")
        + read("pipeline-run.log.err"));
  }

  private String read(String log) throws Exception {
    Path file = dir.resolve(log);
    return Files.exists(file) ? Files.readString(file) : "";
  }

  private static void kill(Process pipeline) {
    pipeline.descendants().forEach(ProcessHandle::destroyForcibly);
    pipeline.destroyForcibly();
  }
}

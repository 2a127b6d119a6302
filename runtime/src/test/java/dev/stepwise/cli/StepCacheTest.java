package dev.stepwise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.artifact.ArtifactStorage;
import dev.stepwise.artifact.LocalArtifactStore;
import dev.stepwise.artifact.Materializers;
import dev.stepwise.cache.CacheVerdict;
import dev.stepwise.operator.StepState;
import dev.stepwise.orchestrator.RunRecord;
import dev.stepwise.orchestrator.RunStore;
import dev.stepwise.orchestrator.StepRecord;
import dev.stepwise.support.DirectoryTrees;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Step caching as a user meets it: a project of their own, compiled by javac with the Stepwise
 * processor, run with {@code stepwise pipeline run --classpath} again and again while one thing
 * changes at a time. Each change that can change a result misses, with the reason; each that
 * cannot (resources, the step operator, the stack, a comment) hits and reuses the output.
 */
class StepCacheTest {
  private static final Pattern STARTED = Pattern.compile("Started run (\\S+)");

  @TempDir Path root;

  /** What the user's project says; each field is one thing the table changes. */
  private record Project(int factor, String seedExtra, int n, String submitArgs, String memory, String comment) {
    Project with(String field, Object value) {
      return switch (field) {
        case "factor" -> new Project((Integer) value, seedExtra, n, submitArgs, memory, comment);
        case "seedExtra" -> new Project(factor, (String) value, n, submitArgs, memory, comment);
        case "n" -> new Project(factor, seedExtra, (Integer) value, submitArgs, memory, comment);
        case "submitArgs" -> new Project(factor, seedExtra, n, (String) value, memory, comment);
        case "memory" -> new Project(factor, seedExtra, n, submitArgs, (String) value, comment);
        case "comment" -> new Project(factor, seedExtra, n, submitArgs, memory, (String) value);
        default -> throw new IllegalArgumentException(field);
      };
    }
  }

  @Test
  void eachChangeHitsOrMissesWithItsReason() throws Exception {
    CliHarness cli = new CliHarness(root);
    cli.ok("step-operator", "register", "jvm_a", "--flavor=local");
    cli.ok("step-operator", "register", "jvm_b", "--flavor=local");
    cli.ok("stack", "register", "a_stack", "-o", "default", "-a", "default", "-s", "jvm_a");
    cli.ok("stack", "register", "b_stack", "-o", "default", "-a", "default", "-s", "jvm_b");

    Project project = new Project(2, "", 5, "spark.sql.shuffle.partitions=4", "1GB", "");
    String first = run(cli, project, "a_stack");
    assertVerdict(first, "seed", StepState.COMPLETED, "missed: no earlier run of this step is cached");
    assertVerdict(first, "total", StepState.COMPLETED, "missed: no earlier run of this step is cached");
    assertVerdict(first, "stamp", StepState.COMPLETED, "not cached: @Step(cache = false)");
    assertEquals(11L, output(cli, first, "total"));

    String again = run(cli, project, "a_stack");
    assertVerdict(again, "seed", StepState.CACHED, "hit: unchanged since run " + first);
    assertVerdict(again, "total", StepState.CACHED, "hit: unchanged since run " + first);
    assertVerdict(again, "stamp", StepState.COMPLETED, "not cached: @Step(cache = false)");
    assertEquals(11L, output(cli, again, "total"), "the cached output is the earlier run's");
    assertTrue(cli.ok("run", "describe", again).out().contains("seed: hit: unchanged since run " + first),
        "run describe says why");

    // a comment and moved lines change no bytecode that runs
    project = project.with("comment", "// the scale factor\n\n\n");
    assertVerdict(run(cli, project, "a_stack"), "seed", StepState.CACHED, "hit:");

    project = project.with("seedExtra", " + 0 * n");
    String body = run(cli, project, "a_stack");
    assertVerdict(body, "seed", StepState.COMPLETED, "missed: the bytecode of `com.acme.cached.Seeds` changed");
    assertVerdict(body, "total", StepState.COMPLETED, "missed: the input 's' from an upstream step changed");

    project = project.with("factor", 3);
    String helper = run(cli, project, "a_stack");
    assertVerdict(helper, "seed", StepState.COMPLETED, "missed: the bytecode of `com.acme.cached.Features` changed");
    assertEquals(16L, output(cli, helper, "total"));

    project = project.with("n", 6);
    assertVerdict(run(cli, project, "a_stack"), "seed", StepState.COMPLETED, "missed: the literal input 'n' changed");

    project = project.with("submitArgs", "spark.sql.shuffle.partitions=8");
    assertVerdict(run(cli, project, "a_stack"), "seed", StepState.COMPLETED, "missed: the step's submitArgs changed");

    // where and how big a step runs does not change what it computes
    project = project.with("memory", "2GB");
    String resources = run(cli, project, "a_stack");
    assertVerdict(resources, "seed", StepState.CACHED, "hit:");
    String otherOperatorAndStack = run(cli, project, "b_stack");
    assertVerdict(otherOperatorAndStack, "seed", StepState.CACHED, "hit:");
    assertVerdict(otherOperatorAndStack, "total", StepState.CACHED, "hit:");

    String noCache = run(cli, project, "a_stack", "--no-cache");
    assertVerdict(noCache, "seed", StepState.COMPLETED, "not cached: the run was started with --no-cache");

    // an entry whose output was deleted is a miss, not an error
    DirectoryTrees.delete(cli.configDir.resolve("artifacts").resolve("runs").resolve(noCache));
    String gone = run(cli, project, "a_stack");
    assertVerdict(gone, "seed", StepState.COMPLETED, "missed: the cached output of run " + noCache + " is gone");
  }

  private String run(CliHarness cli, Project project, String stack, String... more) throws IOException {
    Path classes = compile(project);
    List<String> args = new ArrayList<>(List.of("pipeline", "run", "com.acme.cached.CachedPipeline",
        "--classpath", classes.toString(), "--stack", stack));
    args.addAll(List.of(more));
    CliHarness.Result result = cli.ok(args.toArray(String[]::new));
    Matcher started = STARTED.matcher(result.out());
    assertTrue(started.find(), result.toString());
    return started.group(1);
  }

  private void assertVerdict(String runId, String step, StepState state, String reasonStart) throws IOException {
    StepRecord record = record(runId).step(step).orElseThrow();
    String reason = record.cache().map(CacheVerdict::reason).orElse("(no verdict)");
    assertEquals(state, record.state(), step + " of " + runId + ": " + reason);
    assertTrue(reason.startsWith(reasonStart), step + " of " + runId + " says: " + reason);
  }

  private Object output(CliHarness cli, String runId, String step) throws Exception {
    LocalArtifactStore store = new LocalArtifactStore(cli.configDir.resolve("artifacts"));
    return new ArtifactStorage(store, Materializers.discover())
        .load(record(runId).step(step).orElseThrow().output().orElseThrow(), Long.class);
  }

  private RunRecord record(String runId) throws IOException {
    return new RunStore(new LocalArtifactStore(root.resolve("config").resolve("artifacts"))).describe(runId)
        .orElseThrow();
  }

  /** Writes the project's sources and compiles them with javac and the Stepwise processor. */
  private Path compile(Project p) throws IOException {
    Map<String, String> sources = new LinkedHashMap<>();
    sources.put("com/acme/cached/Features.java", """
        package com.acme.cached;

        public final class Features {
          %s public static int scale(int x) {
            return x * %d;
          }
        }
        """.formatted(p.comment(), p.factor()));
    sources.put("com/acme/cached/Seeds.java", """
        package com.acme.cached;

        import dev.stepwise.annotations.ResourceSettings;
        import dev.stepwise.annotations.SparkStepOperatorSettings;
        import dev.stepwise.annotations.Step;

        public final class Seeds {
          @Step(stepOperator = Step.ACTIVE_STACK_OPERATOR)
          @ResourceSettings(memory = "%s")
          @SparkStepOperatorSettings(submitArgs = {"%s"})
          public static int seed(int n) {
            return Features.scale(n)%s;
          }
        }
        """.formatted(p.memory(), p.submitArgs(), p.seedExtra()));
    sources.put("com/acme/cached/Totals.java", """
        package com.acme.cached;

        import dev.stepwise.annotations.Step;

        public final class Totals {
          @Step
          public static long total(int s) {
            return s + 1L;
          }

          @Step(cache = false)
          public static long stamp(long t) {
            return System.nanoTime();
          }
        }
        """);
    sources.put("com/acme/cached/CachedPipeline.java", """
        package com.acme.cached;

        import dev.stepwise.pipeline.Input;
        import dev.stepwise.pipeline.Pipeline;
        import dev.stepwise.pipeline.PipelineDefinition;

        public final class CachedPipeline implements PipelineDefinition {
          @Override
          public Pipeline pipeline() {
            return Pipeline.define("cached", () -> TotalsSteps.stamp(TotalsSteps.total(SeedsSteps.seed(Input.of(%d)))));
          }
        }
        """.formatted(p.n()));
    return UserProject.compile(root.resolve("src"), root.resolve("classes"), sources, List.of());
  }
}

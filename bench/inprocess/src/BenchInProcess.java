import dev.stepwise.artifact.LocalArtifactStore;
import dev.stepwise.fixtures.Numbers;
import dev.stepwise.fixtures.NumbersSteps;
import dev.stepwise.flavor.ComponentModel;
import dev.stepwise.flavor.ComponentType;
import dev.stepwise.flavor.StackView;
import dev.stepwise.orchestrator.LocalOrchestrator;
import dev.stepwise.orchestrator.RunRecord;
import dev.stepwise.orchestrator.RunState;
import dev.stepwise.orchestrator.RunStore;
import dev.stepwise.orchestrator.StepRecord;
import dev.stepwise.pipeline.Input;
import dev.stepwise.pipeline.Pipeline;
import dev.stepwise.pipeline.PipelineRun;
import dev.stepwise.pipeline.RunOptions;
import dev.stepwise.pipeline.StepOutput;
import dev.stepwise.stack.ResolvedStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The overhead of an in-process step (issue 14: <= 5 ms each): chains of SHORT and LONG trivial steps
 * (a long added to itself) run as pipelines on a local stack in this JVM, in pairs, order alternating;
 * the per-step overhead is (LONG - SHORT) / (LONG - SHORT steps), which cancels the run's fixed costs
 * (the first step's one-off class reading for cache keys, the run record's creation). The same sums
 * called directly take microseconds. The breakdown comes from the runs' own records and logs: the cache
 * key and lookup, the step itself (running to ended, minus the lookup), and the gap between one step's
 * end and the next one's start (scheduling, record writes).
 */
public final class BenchInProcess {
  private static final Pattern LOOKUP = Pattern.compile("key and lookup: (\\d+) ms");

  public static void main(String[] args) throws Exception {
    int pairs = Integer.parseInt(args[0]);
    int shortChain = 10;
    int longChain = Integer.parseInt(args[1]);
    Path root = Files.createTempDirectory("stepwise-bench-inprocess");
    ResolvedStack stack = stack(root);
    RunStore runs = new RunStore(new LocalArtifactStore(root));
    // untimed warm-up of both
    run(stack, shortChain);
    run(stack, longChain);
    List<Double> perStep = new ArrayList<>();
    List<Double> lookups = new ArrayList<>();
    List<Double> bodies = new ArrayList<>();
    List<Double> gaps = new ArrayList<>();
    for (int i = 0; i < pairs; i++) {
      double shortMs;
      double longMs;
      String longRun;
      if (i % 2 == 0) {
        shortMs = timed(stack, shortChain)[0];
        double[] l = timed(stack, longChain);
        longMs = l[0];
        longRun = LAST.get();
      } else {
        double[] l = timed(stack, longChain);
        longMs = l[0];
        longRun = LAST.get();
        shortMs = timed(stack, shortChain)[0];
      }
      perStep.add((longMs - shortMs) / (longChain - shortChain));
      breakdown(runs, longRun, lookups, bodies, gaps);
      System.out.printf(Locale.ROOT, "pair %d: %d steps %.0f ms, %d steps %.0f ms, per step %.2f ms%n",
          i + 1, shortChain, shortMs, longChain, longMs, perStep.get(perStep.size() - 1));
    }
    long directStart = System.nanoTime();
    long sum = Numbers.source(1);
    for (int i = 0; i < longChain; i++) {
      sum = Numbers.add(sum, sum) % 1_000_003;
    }
    double directMs = (System.nanoTime() - directStart) / 1e6;
    // what one durable record write costs here: the store writes every record and artifact atomically
    // (temp file, fsync, rename, fsync of the directory); a step's run writes several
    byte[] record = Files.readAllBytes(root.resolve("runs").resolve(LAST.get()).resolve("run.json"));
    List<Double> writes = new ArrayList<>();
    for (int i = 0; i < 41; i++) {
      long start = System.nanoTime();
      dev.stepwise.support.AtomicFiles.write(root.resolve("probe.json"), record);
      writes.add((System.nanoTime() - start) / 1e6);
    }
    long recordFiles;
    try (var files = Files.walk(root.resolve("runs").resolve(LAST.get()))) {
      recordFiles = files.filter(Files::isRegularFile).count();
    }
    double median = median(perStep);
    System.out.printf(Locale.ROOT, "in-process step overhead: median %.2f ms per step over %d pairs (%d vs %d steps);"
        + " %d such sums called directly: %.3f ms in all (%d)%n", median, pairs, longChain, shortChain, longChain,
        directMs, sum);
    System.out.printf(Locale.ROOT, "breakdown per step of the %d-step runs (medians): cache key and lookup %.2f ms,"
        + " the step (running -> ended, lookup excluded) %.2f ms, between a step's end and the next one's start"
        + " %.2f ms%n", longChain, median(lookups), median(bodies), median(gaps));
    System.out.printf(Locale.ROOT, "one durable write of the %d-step run's record (%d bytes; temp file, fsync, rename,"
        + " fsync of the directory): median %.2f ms; that run left %d files (records, logs, specs, artifacts)%n",
        longChain, record.length, median(writes), recordFiles);
    System.out.printf(Locale.ROOT, "GOAL in-process-step-overhead-ms value=%.2f goal<=5 %s%n", median,
        median <= 5 ? "met" : "missed");
  }

  private static final ThreadLocal<String> LAST = new ThreadLocal<>();

  private static double[] timed(ResolvedStack stack, int steps) throws Exception {
    long start = System.nanoTime();
    run(stack, steps);
    return new double[] {(System.nanoTime() - start) / 1e6};
  }

  private static void run(ResolvedStack stack, int steps) throws Exception {
    Pipeline chain = Pipeline.define("bench_chain_" + steps, () -> {
      StepOutput<Long> value = NumbersSteps.square(NumbersSteps.source(Input.of(1)));
      for (int i = 2; i < steps; i++) {
        value = NumbersSteps.add(value, value);
      }
    });
    // every step runs (its key is still computed, as for a miss): the same work in every run
    PipelineRun run = chain.run(RunOptions.defaults().onStack(stack).withoutCache());
    if (run.state() != RunState.COMPLETED) {
      throw new IllegalStateException("bench run did not complete: " + run.record());
    }
    LAST.set(run.runId());
  }

  private static void breakdown(RunStore runs, String runId, List<Double> lookups, List<Double> bodies,
      List<Double> gaps) throws Exception {
    RunRecord record = runs.describe(runId).orElseThrow();
    List<Double> lookup = new ArrayList<>();
    List<Double> body = new ArrayList<>();
    List<Double> gap = new ArrayList<>();
    StepRecord previous = null;
    for (StepRecord step : record.steps()) {
      Matcher m = LOOKUP.matcher(runs.logs(runId, Optional.of(step.invocationId())));
      double key = m.find() ? Double.parseDouble(m.group(1)) : 0;
      lookup.add(key);
      body.add(millis(step.startedAt().orElseThrow(), step.endedAt().orElseThrow()) - key);
      if (previous != null) {
        gap.add(millis(previous.endedAt().orElseThrow(), step.startedAt().orElseThrow()));
      }
      previous = step;
    }
    // the first step pays the one-off class reading for every key; the chain's later steps are the steady state
    lookups.add(median(lookup.subList(1, lookup.size())));
    bodies.add(median(body.subList(1, body.size())));
    gaps.add(median(gap));
  }

  private static double millis(java.time.Instant from, java.time.Instant to) {
    return Duration.between(from, to).toNanos() / 1e6;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static ResolvedStack stack(Path artifacts) {
    return new ResolvedStack(new StackView("bench", Map.of(
        ComponentType.ORCHESTRATOR, new ComponentModel("default", ComponentType.ORCHESTRATOR, "local", Map.of()),
        ComponentType.ARTIFACT_STORE, new ComponentModel("default", ComponentType.ARTIFACT_STORE, "local",
            Map.of("path", artifacts.toString())))),
        Map.of(ComponentType.ORCHESTRATOR, new LocalOrchestrator(1),
            ComponentType.ARTIFACT_STORE, new LocalArtifactStore(artifacts)));
  }
}

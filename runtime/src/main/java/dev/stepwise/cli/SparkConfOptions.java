package dev.stepwise.cli;

import dev.stepwise.orchestrator.RunSettings;
import dev.stepwise.support.StepwiseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The run-time Spark overrides of {@code pipeline run} and {@code step explain}: {@code --conf
 * spark.key=value} for every step and {@code --step-conf STEP:spark.key=value} for one.
 */
final class SparkConfOptions {

  @Option(names = "--conf", paramLabel = "spark.key=value",
      description = "A Spark key for every Spark step of this run; wins over the step operator's submit_kwargs "
          + "and the step's annotations (repeatable).")
  List<String> conf = new ArrayList<>();

  @Option(names = "--step-conf", paramLabel = "STEP:spark.key=value",
      description = "A Spark key for one step (name or invocation id) of this run; wins over --conf (repeatable).")
  List<String> stepConf = new ArrayList<>();

  /** Per step ({@link RunSettings#ALL_STEPS} for {@code --conf}), the keys; throws naming the bad option and the fix. */
  Map<String, Map<String, String>> byStep() {
    Map<String, Map<String, String>> byStep = new LinkedHashMap<>();
    for (String entry : conf) {
      put(byStep, RunSettings.ALL_STEPS, entry, "--conf " + entry);
    }
    for (String entry : stepConf) {
      int colon = entry.indexOf(':');
      if (colon <= 0) {
        throw new StepwiseException("--step-conf '" + entry + "' names no step; write it as "
            + "STEP:spark.key=value (e.g. --step-conf train:spark.executor.memory=4g)");
      }
      put(byStep, entry.substring(0, colon), entry.substring(colon + 1), "--step-conf " + entry);
    }
    return byStep;
  }

  /** The keys that apply to {@code step}: {@code --conf} ones, then its {@code --step-conf} ones. */
  Map<String, String> forStep(String step) {
    Map<String, Map<String, String>> byStep = byStep();
    for (String target : byStep.keySet()) {
      if (!target.equals(RunSettings.ALL_STEPS) && !target.equals(step)) {
        throw new StepwiseException("--step-conf names step '" + target + "', but the explained step is '"
            + step + "'; use --step-conf " + step + ":spark.key=value or --conf");
      }
    }
    return new RunSettings(0, Map.of(), List.of(), Map.of(), byStep).sparkConfFor(step, step);
  }

  private static void put(Map<String, Map<String, String>> byStep, String step, String keyValue, String option) {
    int eq = keyValue.indexOf('=');
    if (eq <= 0) {
      throw new StepwiseException(option + " has no '='; write it as spark.key=value"
          + " (e.g. spark.executor.memory=4g)");
    }
    String key = keyValue.substring(0, eq).trim();
    RunSettings.sparkKeyProblem(key).ifPresent(problem -> {
      throw new StepwiseException(option + ": " + problem);
    });
    byStep.computeIfAbsent(step, s -> new LinkedHashMap<>()).put(key, keyValue.substring(eq + 1));
  }
}

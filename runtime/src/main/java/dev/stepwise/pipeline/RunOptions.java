package dev.stepwise.pipeline;

import dev.stepwise.orchestrator.RunRecord;
import dev.stepwise.orchestrator.RunSettings;
import dev.stepwise.stack.ResolvedStack;
import dev.stepwise.support.StepwiseException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Choices for one run; start from {@link #defaults()} and change what you need:
 *
 * <pre>{@code
 * pipeline.run(RunOptions.defaults().onStack("spark_stack").withParallelism(2)
 *     .withStepOperator("countWords", "spark_step_operator"));
 * }</pre>
 *
 * @param stackName the registered stack to run on instead of the active one
 * @param stack a stack already resolved (tests, embedding); wins over {@code stackName}
 * @param parallelism at most this many independent steps at once; 0 = the orchestrator's default
 * @param stepOperators per step name or invocation id, the step operator for this run ({@code ""}:
 *     in-process), instead of what {@code @Step(stepOperator)} says
 * @param classpath the class path of step JVMs; empty = this JVM's
 * @param environment extra environment for launched steps (secrets go here, not in arguments)
 * @param sparkConf Spark keys for this run, per step name or invocation id ({@code "*"}: every step);
 *     they win over the component's {@code submit_kwargs} and the step's annotations
 * @param retryDelay the wait before a failed step's second attempt ({@code @Step(retries)}), doubling
 *     before each later one; default {@value #DEFAULT_RETRY_DELAY_TEXT}
 * @param cache whether steps may reuse an earlier run's output when nothing they depend on changed
 *     (on by default; {@link #withoutCache()} and {@code pipeline run --no-cache} turn it off)
 */
public record RunOptions(
    Optional<String> stackName,
    Optional<ResolvedStack> stack,
    int parallelism,
    Map<String, String> stepOperators,
    List<String> classpath,
    Map<String, String> environment,
    Map<String, Map<String, String>> sparkConf,
    Duration retryDelay,
    boolean cache) {

  /** The {@link #withSparkConf} step that stands for every step. */
  public static final String ALL_STEPS = RunSettings.ALL_STEPS;
  /** {@link RunSettings#DEFAULT_RETRY_DELAY} as the docs write it. */
  public static final String DEFAULT_RETRY_DELAY_TEXT = "10s";

  public RunOptions {
    Objects.requireNonNull(stackName, "stackName");
    Objects.requireNonNull(stack, "stack");
    if (parallelism < 0) {
      throw new StepwiseException("parallelism must be 0 (default) or more, got " + parallelism);
    }
    stepOperators = Map.copyOf(stepOperators);
    classpath = List.copyOf(classpath);
    environment = Map.copyOf(environment);
    // validated (and copied) the way the orchestrator takes them, so a bad key or delay fails here
    RunSettings checked = new RunSettings(0, Map.of(), List.of(), Map.of(), sparkConf == null ? Map.of() : sparkConf,
        retryDelay, cache);
    sparkConf = checked.sparkConf();
    retryDelay = checked.retryDelay();
  }

  public RunOptions(Optional<String> stackName, Optional<ResolvedStack> stack, int parallelism,
      Map<String, String> stepOperators, List<String> classpath, Map<String, String> environment,
      Map<String, Map<String, String>> sparkConf) {
    this(stackName, stack, parallelism, stepOperators, classpath, environment, sparkConf,
        RunSettings.DEFAULT_RETRY_DELAY, true);
  }

  public RunOptions(Optional<String> stackName, Optional<ResolvedStack> stack, int parallelism,
      Map<String, String> stepOperators, List<String> classpath, Map<String, String> environment) {
    this(stackName, stack, parallelism, stepOperators, classpath, environment, Map.of());
  }

  /** The active stack, the orchestrator's parallelism, operators as annotated. */
  public static RunOptions defaults() {
    return new RunOptions(Optional.empty(), Optional.empty(), 0, Map.of(), List.of(), Map.of(), Map.of(),
        RunSettings.DEFAULT_RETRY_DELAY, true);
  }

  /**
   * The options run {@code run} was started with, on its stack, with {@code sparkConf} (per step, as
   * {@link #withSparkConf}) over its recorded Spark keys: what {@code stepwise run resume} resumes it
   * with. Throws naming the fix when the record keeps no options or a secret key must be given again.
   */
  public static RunOptions asRecorded(RunRecord run, Map<String, Map<String, String>> sparkConf) {
    RunSettings settings = run.origin().orElseThrow(() -> new StepwiseException("run '" + run.runId()
        + "' was recorded by an older Stepwise that did not keep how it was started; it cannot be resumed"))
        .settings(run.runId(), sparkConf, Map.of());
    return new RunOptions(Optional.of(run.stack()), Optional.empty(), settings.parallelism(), settings.stepOperators(),
        settings.classpath(), Map.of(), settings.sparkConf(), settings.retryDelay(), settings.cache());
  }

  public RunOptions onStack(String name) {
    return new RunOptions(Optional.of(name), stack, parallelism, stepOperators, classpath, environment, sparkConf,
        retryDelay, cache);
  }

  public RunOptions onStack(ResolvedStack resolved) {
    return new RunOptions(stackName, Optional.of(resolved), parallelism, stepOperators, classpath, environment, sparkConf,
        retryDelay, cache);
  }

  public RunOptions withParallelism(int steps) {
    return new RunOptions(stackName, stack, steps, stepOperators, classpath, environment, sparkConf, retryDelay, cache);
  }

  /** Runs {@code step} (a step name or invocation id) through {@code operator}; {@code ""}: in-process. */
  public RunOptions withStepOperator(String step, String operator) {
    Map<String, String> all = new HashMap<>(stepOperators);
    all.put(step, operator);
    return new RunOptions(stackName, stack, parallelism, all, classpath, environment, sparkConf, retryDelay, cache);
  }

  /**
   * Waits {@code delay} before a failed step's second attempt, {@code 2 * delay} before its third,
   * and so on (only steps with {@code @Step(retries)} get more than one).
   */
  public RunOptions withRetryDelay(Duration delay) {
    Objects.requireNonNull(delay, "delay");
    return new RunOptions(stackName, stack, parallelism, stepOperators, classpath, environment, sparkConf, delay, cache);
  }

  /**
   * Runs every step, reusing no cached output (ZenML's {@code enable_cache=False}); what completes is
   * still remembered for later runs.
   */
  public RunOptions withoutCache() {
    return new RunOptions(stackName, stack, parallelism, stepOperators, classpath, environment, sparkConf, retryDelay,
        false);
  }

  public RunOptions withClasspath(List<String> entries) {
    return new RunOptions(stackName, stack, parallelism, stepOperators, entries, environment, sparkConf,
        retryDelay, cache);
  }

  /**
   * Sets Spark key {@code key} to {@code value} for {@code step} (a step name or invocation id, or
   * {@link #ALL_STEPS}) in this run, over the component's and the annotations' values; {@code step
   * explain --conf} shows it with source {@code run override}.
   */
  public RunOptions withSparkConf(String step, String key, String value) {
    Objects.requireNonNull(value, "value");
    Map<String, Map<String, String>> all = new LinkedHashMap<>(sparkConf);
    Map<String, String> forStep = new LinkedHashMap<>(all.getOrDefault(step, Map.of()));
    forStep.put(key, value);
    all.put(step, forStep);
    return new RunOptions(stackName, stack, parallelism, stepOperators, classpath, environment, all, retryDelay, cache);
  }
}

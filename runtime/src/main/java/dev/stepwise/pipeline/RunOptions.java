package dev.stepwise.pipeline;

import dev.stepwise.stack.ResolvedStack;
import java.util.HashMap;
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
 */
public record RunOptions(
    Optional<String> stackName,
    Optional<ResolvedStack> stack,
    int parallelism,
    Map<String, String> stepOperators,
    List<String> classpath,
    Map<String, String> environment) {

  public RunOptions {
    Objects.requireNonNull(stackName, "stackName");
    Objects.requireNonNull(stack, "stack");
    if (parallelism < 0) {
      throw new IllegalArgumentException("parallelism must be 0 (default) or more, got " + parallelism);
    }
    stepOperators = Map.copyOf(stepOperators);
    classpath = List.copyOf(classpath);
    environment = Map.copyOf(environment);
  }

  /** The active stack, the orchestrator's parallelism, operators as annotated. */
  public static RunOptions defaults() {
    return new RunOptions(Optional.empty(), Optional.empty(), 0, Map.of(), List.of(), Map.of());
  }

  public RunOptions onStack(String name) {
    return new RunOptions(Optional.of(name), stack, parallelism, stepOperators, classpath, environment);
  }

  public RunOptions onStack(ResolvedStack resolved) {
    return new RunOptions(stackName, Optional.of(resolved), parallelism, stepOperators, classpath, environment);
  }

  public RunOptions withParallelism(int steps) {
    return new RunOptions(stackName, stack, steps, stepOperators, classpath, environment);
  }

  /** Runs {@code step} (a step name or invocation id) through {@code operator}; {@code ""}: in-process. */
  public RunOptions withStepOperator(String step, String operator) {
    Map<String, String> all = new HashMap<>(stepOperators);
    all.put(step, operator);
    return new RunOptions(stackName, stack, parallelism, all, classpath, environment);
  }

  public RunOptions withClasspath(List<String> entries) {
    return new RunOptions(stackName, stack, parallelism, stepOperators, entries, environment);
  }

  public RunOptions withEnvironment(Map<String, String> variables) {
    return new RunOptions(stackName, stack, parallelism, stepOperators, classpath, variables);
  }
}

package dev.stepwise.orchestrator;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Per-run choices.
 *
 * @param parallelism how many independent steps may run at once; 0 means the orchestrator's default
 * @param stepOperators per step name or invocation id, the step operator to use in this run instead
 *     of the one the step's {@code @Step} names ({@code ""} runs it in-process)
 * @param classpath the class path of step JVMs; empty means this JVM's {@code java.class.path}
 * @param environment extra environment variables for launched steps (secrets travel here)
 */
public record RunSettings(
    int parallelism,
    Map<String, String> stepOperators,
    List<String> classpath,
    Map<String, String> environment) {

  public RunSettings {
    if (parallelism < 0) {
      throw new IllegalArgumentException("parallelism must be 0 (default) or more, got " + parallelism);
    }
    stepOperators = Map.copyOf(stepOperators);
    classpath = List.copyOf(classpath);
    environment = Map.copyOf(environment);
  }

  public static RunSettings defaults() {
    return new RunSettings(0, Map.of(), List.of(), Map.of());
  }

  /** The operator override for an invocation: by invocation id first, then by step name. */
  public Optional<String> stepOperatorFor(String invocationId, String stepName) {
    String byInvocation = stepOperators.get(invocationId);
    return Optional.ofNullable(byInvocation != null ? byInvocation : stepOperators.get(stepName));
  }
}

package dev.stepwise.orchestrator;

import dev.stepwise.discovery.Classpath;
import dev.stepwise.support.DurationText;
import dev.stepwise.support.StepwiseException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
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
 * @param sparkConf run-time Spark overrides: per step name, invocation id or {@link #ALL_STEPS}, keys
 *     and values that win over the component's and the step's annotations
 * @param retryDelay the wait before a step's second attempt ({@code @Step(retries)}); it doubles
 *     before each attempt after that
 * @param cache whether steps may reuse a cached output (a step's own {@code @Step(cache = false)}
 *     still wins); completed steps are remembered in the cache either way
 */
public record RunSettings(
    int parallelism,
    Map<String, String> stepOperators,
    List<String> classpath,
    Map<String, String> environment,
    Map<String, Map<String, String>> sparkConf,
    Duration retryDelay,
    boolean cache) {

  /** The {@link #sparkConf} entry that applies to every step. */
  public static final String ALL_STEPS = "*";
  /** The first backoff when the run sets none: long enough for a lost node or a busy store to come back. */
  public static final Duration DEFAULT_RETRY_DELAY = Duration.ofSeconds(10);

  public RunSettings {
    if (parallelism < 0) {
      throw new StepwiseException("parallelism must be 0 (default) or more, got " + parallelism);
    }
    stepOperators = Map.copyOf(stepOperators);
    classpath = List.copyOf(classpath);
    environment = Map.copyOf(environment);
    sparkConf = copy(sparkConf == null ? Map.of() : sparkConf);
    retryDelay = retryDelay == null ? DEFAULT_RETRY_DELAY : retryDelay;
    if (retryDelay.isNegative()) {
      throw new StepwiseException("the retry delay must be 0 or more, got " + DurationText.of(retryDelay));
    }
  }

  public RunSettings(int parallelism, Map<String, String> stepOperators, List<String> classpath,
      Map<String, String> environment, Map<String, Map<String, String>> sparkConf) {
    this(parallelism, stepOperators, classpath, environment, sparkConf, DEFAULT_RETRY_DELAY, true);
  }

  public RunSettings(int parallelism, Map<String, String> stepOperators, List<String> classpath,
      Map<String, String> environment) {
    this(parallelism, stepOperators, classpath, environment, Map.of());
  }

  public static RunSettings defaults() {
    return new RunSettings(0, Map.of(), List.of(), Map.of(), Map.of());
  }

  /**
   * The wait before attempt {@code next} (2 or more): {@link #retryDelay}, doubled for each attempt
   * after the second, capped so that it cannot overflow.
   */
  public Duration backoffBefore(int next) {
    if (next < 2) {
      throw new IllegalArgumentException("attempt " + next + " has no backoff before it");
    }
    int doublings = Math.min(next - 2, 30);
    try {
      return retryDelay.multipliedBy(1L << doublings);
    } catch (ArithmeticException tooLong) {
      return Duration.ofSeconds(Long.MAX_VALUE / 2);
    }
  }

  /** The class path of step JVMs: {@link #classpath}, or this JVM's when the run gave none. */
  public Classpath stepClasspath() {
    return classpath.isEmpty() ? Classpath.ofThisJvm() : new Classpath(classpath.stream().map(Path::of).toList());
  }

  /** The operator override for an invocation: by invocation id first, then by step name. */
  public Optional<String> stepOperatorFor(String invocationId, String stepName) {
    String byInvocation = stepOperators.get(invocationId);
    return Optional.ofNullable(byInvocation != null ? byInvocation : stepOperators.get(stepName));
  }

  /** The Spark overrides of an invocation: those for all steps, then its step name's, then its own. */
  public Map<String, String> sparkConfFor(String invocationId, String stepName) {
    Map<String, String> merged = new LinkedHashMap<>(sparkConf.getOrDefault(ALL_STEPS, Map.of()));
    merged.putAll(sparkConf.getOrDefault(stepName, Map.of()));
    if (!invocationId.equals(stepName)) {
      merged.putAll(sparkConf.getOrDefault(invocationId, Map.of()));
    }
    return Collections.unmodifiableMap(merged);
  }

  /** Why a run-time Spark key is refused, with the fix; the same rule as {@code submitArgs}. */
  public static Optional<String> sparkKeyProblem(String key) {
    if (key == null || !key.startsWith("spark.") || key.length() == "spark.".length() || key.contains("=")
        || key.chars().anyMatch(Character::isWhitespace)) {
      return Optional.of("run override key '" + key + "' is not a Spark property; keys look like "
          + "'spark.executor.instances' (no spaces or '='), given as spark.key=value");
    }
    return Optional.empty();
  }

  private static Map<String, Map<String, String>> copy(Map<String, Map<String, String>> byStep) {
    Map<String, Map<String, String>> copy = new LinkedHashMap<>();
    byStep.forEach((step, conf) -> {
      if (step == null || step.isBlank()) {
        throw new StepwiseException("a Spark override needs a step name, invocation id or '"
            + ALL_STEPS + "' for all steps");
      }
      conf.keySet().forEach(key -> sparkKeyProblem(key).ifPresent(problem -> {
        throw new StepwiseException(problem);
      }));
      copy.put(step, Collections.unmodifiableMap(new LinkedHashMap<>(conf)));
    });
    return Collections.unmodifiableMap(copy);
  }
}

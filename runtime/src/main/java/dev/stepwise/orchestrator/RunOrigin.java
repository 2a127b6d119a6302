package dev.stepwise.orchestrator;

import dev.stepwise.discovery.Classpath;
import dev.stepwise.step.SecretSessionConf;
import dev.stepwise.support.StepwiseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How a run was started, kept in its record so {@code stepwise run resume RUN_ID} can continue it
 * with the same pipeline and choices. A run override whose key Spark would redact (a password, a
 * token) is kept as {@value #MASK}: resuming such a run needs that key given again.
 *
 * @param definitionClass the {@link dev.stepwise.pipeline.PipelineDefinition} it was loaded from,
 *     when it was ({@code pipeline run CLASS}); empty for a pipeline built in code
 * @param classpath what the step JVMs' class path adds to the launching JVM's own (the user's
 *     {@code --classpath}); the launcher's entries are not repeated in every record
 * @param parallelism {@code --parallelism} (0: the orchestrator's default)
 * @param stepOperators the run's step operator per step, over {@code @Step(stepOperator)}
 * @param sparkConf the run's Spark overrides per step ({@code --conf}, {@code --step-conf})
 * @param retryDelay the first backoff of a retried step
 * @param cache whether cached outputs could be reused
 */
public record RunOrigin(
    Optional<String> definitionClass,
    List<String> classpath,
    int parallelism,
    Map<String, String> stepOperators,
    Map<String, Map<String, String>> sparkConf,
    Duration retryDelay,
    boolean cache) {

  public static final String MASK = "***";
  private static final Pattern SECRET_KEY = Pattern.compile(SecretSessionConf.SPARK_DEFAULT_REDACTION);

  public RunOrigin {
    definitionClass = definitionClass == null ? Optional.empty() : definitionClass;
    classpath = classpath == null ? List.of() : List.copyOf(classpath);
    stepOperators = stepOperators == null ? Map.of() : Map.copyOf(stepOperators);
    sparkConf = sparkConf == null ? Map.of() : Map.copyOf(sparkConf);
    retryDelay = retryDelay == null ? RunSettings.DEFAULT_RETRY_DELAY : retryDelay;
  }

  /** What {@code plan} was started with; secret-looking override values are masked. */
  static RunOrigin of(PipelinePlan plan, RunSettings settings) {
    Map<String, Map<String, String>> conf = new LinkedHashMap<>();
    settings.sparkConf().forEach((step, keys) -> {
      Map<String, String> masked = new LinkedHashMap<>();
      keys.forEach((key, value) -> masked.put(key, SECRET_KEY.matcher(key).find() ? MASK : value));
      conf.put(step, masked);
    });
    java.util.Set<String> launcher = new java.util.HashSet<>(Classpath.ofThisJvm().strings());
    List<String> added = settings.classpath().stream().filter(entry -> !launcher.contains(entry)).toList();
    return new RunOrigin(plan.definitionClass(), added, settings.parallelism(),
        settings.stepOperators(), conf, settings.retryDelay(), settings.cache());
  }

  /**
   * The settings to resume with: these, with {@code given}'s Spark overrides over the stored ones and
   * its environment; throws naming the key when a masked value was not given again.
   */
  public RunSettings settings(String runId, Map<String, Map<String, String>> givenConf,
      Map<String, String> environment) {
    Map<String, Map<String, String>> conf = new LinkedHashMap<>();
    sparkConf.forEach((step, keys) -> conf.put(step, new LinkedHashMap<>(keys)));
    givenConf.forEach((step, keys) -> conf.computeIfAbsent(step, s -> new LinkedHashMap<>()).putAll(keys));
    List<String> missing = new ArrayList<>();
    conf.forEach((step, keys) -> keys.forEach((key, value) -> {
      if (MASK.equals(value)) {
        missing.add((step.equals(RunSettings.ALL_STEPS) ? "--conf " : "--step-conf " + step + ":") + key + "=...");
      }
    }));
    if (!missing.isEmpty()) {
      throw new StepwiseException("run '" + runId + "' was started with Spark keys whose values are secret and were"
          + " not stored; give them again to resume it: " + String.join(", ", missing));
    }
    List<String> stepClasspath = new ArrayList<>();
    if (!classpath.isEmpty()) {
      stepClasspath.addAll(Classpath.ofThisJvm().strings());
      stepClasspath.addAll(classpath);
    }
    return new RunSettings(parallelism, stepOperators, stepClasspath, environment, conf, retryDelay, cache);
  }

  /** The step operator choices must be the original ones: a resumed step runs where it ran. */
  static void requireSame(String what, Object recorded, Object given) {
    if (!Objects.equals(recorded, given)) {
      throw new StepwiseException("cannot resume with other " + what + " than the run was started with ("
          + recorded + ", now " + given + ")");
    }
  }
}

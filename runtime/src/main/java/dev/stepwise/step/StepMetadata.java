package dev.stepwise.step;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the processor records about one step, read from
 * {@code META-INF/stepwise/steps/<binary class name>.<method>.json}. This record is the schema of
 * that file; the processor writes exactly these fields.
 *
 * <pre>{@code
 * {
 *   "name": "countWords",
 *   "declaringClass": "com.acme.WordCount",
 *   "method": "countWords",
 *   "entrypointClass": "com.acme.WordCount_CountWordsStepEntrypoint",
 *   "stubClass": "com.acme.WordCountSteps",
 *   "stepOperator": "spark_step_operator",
 *   "retries": 2,
 *   "resources": {"cpuCount": 2.0, "gpuCount": 0, "memory": "4GB"},
 *   "spark": {"deployMode": "client", "submitArgs": ["spark.executor.instances=2"],
 *             "driverCores": 0, "driverMemory": "", "executorInstances": 0, "parentImage": ""},
 *   "parameters": [{"name": "spark", "type": "org.apache.spark.sql.SparkSession", "sparkSession": true},
 *                  {"name": "text", "type": "java.lang.String", "sparkSession": false}],
 *   "outputType": "java.lang.Long",
 *   "cache": true
 * }
 * }</pre>
 *
 * {@code stepOperator} is {@code ""} when the step runs in the orchestrator's process;
 * {@code resources} and {@code spark} are {@code null} when the annotation is absent;
 * {@code outputType} is {@code "void"} for a void method; {@code retries} ({@code @Step(retries)})
 * is 0 when absent, as in metadata written before it existed; {@code cache} ({@code @Step(cache)})
 * reads as {@code true} when absent, as in metadata written before step caching. Types are
 * canonical source spellings
 * ({@code java.util.List<java.lang.String>}).
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record StepMetadata(
    String name,
    String declaringClass,
    String method,
    String entrypointClass,
    String stubClass,
    String stepOperator,
    Integer retries,
    Resources resources,
    Spark spark,
    List<Parameter> parameters,
    String outputType,
    Boolean cache) {

  public static final String RESOURCE_DIRECTORY = "META-INF/stepwise/steps/";

  public StepMetadata {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(declaringClass, "declaringClass");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(entrypointClass, "entrypointClass");
    stepOperator = stepOperator == null ? "" : stepOperator;
    retries = retries == null ? 0 : retries;
    if (retries < 0) {
      throw new IllegalArgumentException("step '" + name + "' has retries " + retries + "; it must be >= 0");
    }
    parameters = parameters == null ? List.of() : List.copyOf(parameters);
  }

  /** Metadata without {@code retries} and {@code cache}: one attempt, cacheable, as before both existed. */
  public StepMetadata(String name, String declaringClass, String method, String entrypointClass, String stubClass,
      String stepOperator, Resources resources, Spark spark, List<Parameter> parameters, String outputType) {
    this(name, declaringClass, method, entrypointClass, stubClass, stepOperator, 0, resources, spark, parameters,
        outputType, null);
  }

  /** Whether runs may reuse this step's cached output: {@code @Step(cache)}, true unless turned off. */
  public boolean cacheable() {
    return cache == null || cache;
  }

  /** The resource path for a step declared in {@code binaryClassName}. */
  public static String resourcePath(String binaryClassName, String method) {
    return RESOURCE_DIRECTORY + binaryClassName + "." + method + ".json";
  }

  public Optional<Resources> resourceSettings() {
    return Optional.ofNullable(resources);
  }

  public Optional<Spark> sparkSettings() {
    return Optional.ofNullable(spark);
  }

  public boolean usesStepOperator() {
    return !stepOperator.isEmpty();
  }

  /** {@code @ResourceSettings}: 0 and "" mean unset. */
  public record Resources(double cpuCount, int gpuCount, String memory) {
    public Resources {
      memory = memory == null ? "" : memory;
    }
  }

  /** {@code @SparkStepOperatorSettings}: 0 and "" mean unset. */
  public record Spark(
      String deployMode,
      List<String> submitArgs,
      int driverCores,
      String driverMemory,
      int executorInstances,
      String parentImage) {
    public Spark {
      deployMode = deployMode == null ? "" : deployMode;
      submitArgs = submitArgs == null ? List.of() : List.copyOf(submitArgs);
      driverMemory = driverMemory == null ? "" : driverMemory;
      parentImage = parentImage == null ? "" : parentImage;
    }

    /** Settings without a {@code parentImage} (metadata written before it existed reads the same way). */
    public Spark(String deployMode, List<String> submitArgs, int driverCores, String driverMemory,
        int executorInstances) {
      this(deployMode, submitArgs, driverCores, driverMemory, executorInstances, "");
    }

    /** The step's own base image for Kubernetes, when it names one. */
    public Optional<String> parentImageOverride() {
      return parentImage.isEmpty() ? Optional.empty() : Optional.of(parentImage);
    }
  }

  /** One parameter in declaration order. */
  public record Parameter(String name, String type, boolean sparkSession) {}
}

package dev.stepwise.spark;

import dev.stepwise.step.StepMetadata;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the Spark step operator is asked to run: one step of one pipeline run, the program that
 * runs it (app resource, jars, generated entrypoint and its args) and the run's Spark overrides.
 */
public record SparkStepRequest(
    String pipelineName,
    String runId,
    StepMetadata step,
    String appResource,
    List<String> jars,
    List<String> appArgs,
    Map<String, String> runOverrides) {

  public SparkStepRequest {
    Objects.requireNonNull(pipelineName, "pipelineName");
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(appResource, "appResource");
    jars = List.copyOf(jars);
    appArgs = List.copyOf(appArgs);
    runOverrides = runOverrides == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(runOverrides));
  }
}

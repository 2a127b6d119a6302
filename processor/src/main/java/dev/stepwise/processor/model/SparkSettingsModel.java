package dev.stepwise.processor.model;

import java.util.List;
import java.util.Objects;

/** The values of a valid {@code @SparkStepOperatorSettings}; 0 and {@code ""} mean unset. */
public record SparkSettingsModel(
    String deployMode,
    List<String> submitArgs,
    int driverCores,
    String driverMemory,
    int executorInstances,
    String parentImage) {
  public SparkSettingsModel {
    Objects.requireNonNull(deployMode, "deployMode");
    submitArgs = List.copyOf(submitArgs);
    Objects.requireNonNull(driverMemory, "driverMemory");
    Objects.requireNonNull(parentImage, "parentImage");
  }
}

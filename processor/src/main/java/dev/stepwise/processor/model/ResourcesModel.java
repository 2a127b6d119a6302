package dev.stepwise.processor.model;

import java.util.Objects;

/** The values of a valid {@code @ResourceSettings}; 0 and {@code ""} mean unset. */
public record ResourcesModel(double cpuCount, int gpuCount, String memory) {
  public ResourcesModel {
    Objects.requireNonNull(memory, "memory");
  }
}

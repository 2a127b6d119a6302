package dev.stepwise.step;

import java.lang.reflect.Type;
import java.util.Objects;

/**
 * One parameter of a step method. A {@code SparkSession} parameter is injected, not loaded, and is
 * not an input of the step.
 */
public record StepParameter(String name, Type type, boolean sparkSession) {
  public StepParameter {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
  }

  public boolean isInput() {
    return !sparkSession;
  }
}

package dev.stepwise.spark;

import java.util.Objects;

/**
 * Where one Spark key of a submission came from, as {@code stepwise step explain} prints it:
 * {@code component}, {@code @ResourceSettings}, {@code @SparkStepOperatorSettings}, {@code run override},
 * or a named layer such as {@code backend:standalone}.
 */
public record ConfSource(String label) {
  public static final ConfSource STEPWISE = new ConfSource("stepwise");
  public static final ConfSource COMPONENT = new ConfSource("component");
  public static final ConfSource RESOURCE_SETTINGS = new ConfSource("@ResourceSettings");
  public static final ConfSource SPARK_SETTINGS = new ConfSource("@SparkStepOperatorSettings");
  public static final ConfSource RUN_OVERRIDE = new ConfSource("run override");

  public ConfSource {
    Objects.requireNonNull(label, "label");
    if (label.isBlank()) {
      throw new IllegalArgumentException("a conf source needs a label");
    }
  }

  /** A source named after a configuration layer, e.g. {@code layer("backend", "standalone")}. */
  public static ConfSource layer(String layer, String detail) {
    return new ConfSource(layer + ":" + detail);
  }

  @Override
  public String toString() {
    return label;
  }
}

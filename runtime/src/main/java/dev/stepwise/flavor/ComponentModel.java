package dev.stepwise.flavor;

import java.util.Map;
import java.util.Objects;

/**
 * A registered component as stored: its name, type, flavor and raw config (ZenML key spelling,
 * JSON values). Secret references such as {@code {{name.key}}} stay unresolved here.
 */
public record ComponentModel(String name, ComponentType type, String flavor, Map<String, Object> config) {
  public ComponentModel {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(flavor, "flavor");
    config = config == null ? Map.of() : Map.copyOf(config);
  }
}

package dev.stepwise.flavor;

import java.util.Map;
import java.util.Optional;

/**
 * A stack as stored, seen by a flavor validating what it needs of the rest of the stack: the
 * stack's name and, per component type present, the component's model (name, flavor, config).
 */
public record StackView(String stackName, Map<ComponentType, ComponentModel> components) {
  public StackView {
    components = Map.copyOf(components);
  }

  public Optional<ComponentModel> component(ComponentType type) {
    return Optional.ofNullable(components.get(type));
  }
}

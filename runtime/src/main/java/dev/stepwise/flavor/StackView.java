package dev.stepwise.flavor;

import java.util.Map;
import java.util.Optional;

/**
 * A stack as stored, seen by a flavor validating what it needs of the rest of the stack: the
 * stack's name and, per component type present, the component's model (name, flavor, config).
 */
public record StackView(String stackName, Map<ComponentType, ComponentModel> components, boolean stored) {
  public StackView {
    components = Map.copyOf(components);
  }

  /** A stack that is already stored (its problems are fixed with {@code stack update}). */
  public StackView(String stackName, Map<ComponentType, ComponentModel> components) {
    this(stackName, components, true);
  }

  /**
   * How the user gives this stack the component {@code option} names ({@code "-c NAME"}): a stack
   * being registered does not exist yet, so {@code stack update} would fail; it is registered again
   * with the option added.
   */
  public String addComponentCommand(String option) {
    return stored
        ? "`stepwise stack update " + stackName + " " + option + "`"
        : "`stepwise stack register " + stackName + "` again with `" + option + "` added";
  }

  public Optional<ComponentModel> component(ComponentType type) {
    return Optional.ofNullable(components.get(type));
  }
}

package dev.stepwise.cli;

import dev.stepwise.flavor.ComponentType;

/** {@code stepwise <component type> ...}: the same verbs for every type; subclasses fix the type. */
public abstract class ComponentGroupCommand extends CommandGroup {
  abstract ComponentType type();
}

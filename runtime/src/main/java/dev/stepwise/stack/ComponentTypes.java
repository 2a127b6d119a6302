package dev.stepwise.stack;

import dev.stepwise.flavor.ComponentType;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Spellings of the component types for messages. */
final class ComponentTypes {
  private ComponentTypes() {}

  static String ids() {
    return Arrays.stream(ComponentType.values()).map(ComponentType::id).collect(Collectors.joining(", "));
  }
}

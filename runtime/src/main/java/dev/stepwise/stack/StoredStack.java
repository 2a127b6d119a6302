package dev.stepwise.stack;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.stepwise.flavor.ComponentType;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A stack as written in the store file: per component type, the name of the component. */
public record StoredStack(Map<ComponentType, String> components) {
  public StoredStack {
    components = Collections.unmodifiableMap(new EnumMap<>(components.isEmpty()
        ? new EnumMap<>(ComponentType.class) : components));
  }

  public Optional<String> component(ComponentType type) {
    return Optional.ofNullable(components.get(type));
  }

  public boolean uses(ComponentType type, String name) {
    return name.equals(components.get(type));
  }

  /** The same stack with some components replaced or added. */
  public StoredStack with(Map<ComponentType, String> changes) {
    Map<ComponentType, String> merged = new EnumMap<>(ComponentType.class);
    merged.putAll(components);
    merged.putAll(changes);
    return new StoredStack(merged);
  }

  @JsonValue
  Map<String, String> json() {
    Map<String, String> json = new LinkedHashMap<>();
    components.forEach((type, name) -> json.put(type.id(), name));
    return json;
  }

  @JsonCreator
  static StoredStack fromJson(Map<String, String> json) {
    Map<ComponentType, String> components = new EnumMap<>(ComponentType.class);
    json.forEach((key, name) -> {
      ComponentType type = ComponentType.parse(key)
          .filter(t -> t.id().equals(key))
          .orElseThrow(() -> new IllegalArgumentException("unknown component type '" + key
              + "' in a stack (valid: " + ComponentTypes.ids() + ")"));
      components.put(type, name);
    });
    return new StoredStack(components);
  }
}

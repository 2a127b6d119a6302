package dev.stepwise.stack;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.stepwise.flavor.ComponentModel;
import dev.stepwise.flavor.ComponentType;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** A component as written in the store file: its flavor and the user's config values. */
public record StoredComponent(
    @JsonProperty(value = "flavor", required = true) String flavor,
    @JsonProperty("config") Map<String, Object> config) {
  public StoredComponent {
    Objects.requireNonNull(flavor, "flavor");
    // TreeMap: stable key order in the file and in `describe`; values may be JSON objects/arrays.
    config = config == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(config));
  }

  public ComponentModel model(ComponentType type, String name) {
    return new ComponentModel(name, type, flavor, config);
  }
}

package dev.stepwise.secret;

import dev.stepwise.flavor.ConfigValueResolver;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link ConfigValueResolver} for {@code {{name.key}}} references: pass it to
 * {@code Stacks.named(..)} when creating components for use; validation keeps
 * {@link ConfigValueResolver#UNRESOLVED}. Strings inside lists and maps are resolved too.
 */
public final class SecretConfigValues implements ConfigValueResolver {
  private final SecretReferences references;

  public SecretConfigValues(SecretStore store) {
    this.references = new SecretReferences(store);
  }

  @Override
  public Object resolve(String key, Object value) {
    return resolveValue("config key '" + key + "'", value);
  }

  private Object resolveValue(String what, Object value) {
    if (value instanceof String text) {
      return references.resolve(text, what);
    }
    if (value instanceof List<?> list) {
      return list.stream().map(v -> resolveValue(what, v)).toList();
    }
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> resolved = new LinkedHashMap<>();
      map.forEach((k, v) -> resolved.put(k, resolveValue(what + " entry '" + k + "'", v)));
      return java.util.Collections.unmodifiableMap(resolved);
    }
    return value;
  }
}

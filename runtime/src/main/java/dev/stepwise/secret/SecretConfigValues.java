package dev.stepwise.secret;

import dev.stepwise.flavor.ConfigValueResolver;
import dev.stepwise.flavor.SecretValues;
import dev.stepwise.stack.StackException;
import dev.stepwise.stack.StepwiseEnvironment;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link ConfigValueResolver} for {@code {{name.key}}} references: pass it to
 * {@code Stacks.named(..)} when creating components for use; validation keeps
 * {@link ConfigValueResolver#UNRESOLVED}. Strings inside lists and maps are resolved too.
 */
public final class SecretConfigValues implements ConfigValueResolver {
  private final RevealedSecrets revealed;

  public SecretConfigValues(SecretStore store) {
    this.revealed = new RevealedSecrets(new SecretReferences(store));
  }

  /** Over the secrets of {@code environment}'s config dir: what runs and {@code step explain} use. */
  public static SecretConfigValues of(StepwiseEnvironment environment) {
    return new SecretConfigValues(new SecretStore(environment.configDirectory()));
  }

  /** A missing secret or key is a {@link StackException} (the stack cannot be used), with the fix. */
  @Override
  public Object resolve(String key, Object value) {
    try {
      return resolveValue("config key '" + key + "'", value);
    } catch (SecretException e) {
      throw new StackException(e.getMessage());
    }
  }

  /** Every value resolved through this object, so the components created with them can keep them private. */
  @Override
  public SecretValues secretValues() {
    return revealed;
  }

  private Object resolveValue(String what, Object value) {
    if (value instanceof String text) {
      return revealed.resolve(text, what);
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

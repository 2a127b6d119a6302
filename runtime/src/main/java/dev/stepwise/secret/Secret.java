package dev.stepwise.secret;

import dev.stepwise.support.SecretMask;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A named set of secret values, e.g. {@code minio} with {@code aws_access_key_id} and
 * {@code aws_secret_access_key}. {@link #toString()} never shows a value.
 */
public record Secret(String name, Map<String, String> values) {
  // no '.', '{' or '}' in names and keys: they delimit {{name.key}} references
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]+");

  public Secret {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(values, "values");
    checkName(name);
    values.forEach((k, v) -> {
      checkKey(name, k);
      Objects.requireNonNull(v, () -> "value of " + name + "." + k);
    });
    values = Collections.unmodifiableMap(new TreeMap<>(values));
  }

  public Optional<String> value(String key) {
    return Optional.ofNullable(values.get(key));
  }

  /** The keys with every value shown as {@code ***}, for {@code secret describe}. */
  public Map<String, String> masked() {
    Map<String, String> masked = new TreeMap<>();
    values.keySet().forEach(k -> masked.put(k, SecretMask.MASK));
    return Collections.unmodifiableMap(masked);
  }

  /** This secret with {@code changes} merged in (a changed key replaces its old value). */
  public Secret merge(Map<String, String> changes) {
    Map<String, String> merged = new TreeMap<>(values);
    merged.putAll(changes);
    return new Secret(name, merged);
  }

  static void checkName(String name) {
    if (!NAME.matcher(name).matches()) {
      throw new SecretException("'" + name + "' is not a valid secret name: use letters, digits, '_' and '-'"
          + " (starting with a letter or digit), e.g. 'minio_creds'");
    }
  }

  static void checkKey(String secret, String key) {
    if (key == null || !KEY.matcher(key).matches()) {
      throw new SecretException("'" + key + "' is not a valid key of secret '" + secret
          + "': use letters, digits, '_' and '-', e.g. --aws_access_key_id=...");
    }
  }

  @Override
  public String toString() {
    return "Secret[" + name + ", keys=" + values.keySet() + "]";
  }
}

package dev.stepwise.secret;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves {@code {{NAME.key}}} references (ZenML's syntax) in component config values. Call it only
 * at the moment a value is used (creating a client, launching a process) and never store the result:
 * stored configs keep the reference.
 */
public final class SecretReferences {
  private static final Pattern REFERENCE = Pattern.compile("\\{\\{\\s*([^.{}\\s]+)\\.([^.{}\\s]+)\\s*}}");

  private final SecretStore store;

  public SecretReferences(SecretStore store) {
    this.store = store;
  }

  /** One {@code {{name.key}}} found in a value. */
  public record Reference(String secret, String key) {
    @Override
    public String toString() {
      return "{{" + secret + "." + key + "}}";
    }
  }

  /** The references in {@code value}, in order; empty for a plain value. */
  public static List<Reference> find(String value) {
    List<Reference> found = new ArrayList<>();
    if (value != null) {
      Matcher m = REFERENCE.matcher(value);
      while (m.find()) {
        found.add(new Reference(m.group(1), m.group(2)));
      }
    }
    return List.copyOf(found);
  }

  public static boolean containsReference(String value) {
    return !find(value).isEmpty();
  }

  /**
   * {@code value} with every reference replaced by the secret's value. An unknown secret or key is a
   * {@link SecretException} naming both and the command that creates it; {@code what} names the
   * setting for that message (e.g. {@code "artifact store 's3_store' endpoint"}).
   */
  public String resolve(String value, String what) {
    if (value == null || !containsReference(value)) {
      return value;
    }
    Matcher m = REFERENCE.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(lookup(new Reference(m.group(1), m.group(2)), what)));
    }
    m.appendTail(out);
    return out.toString();
  }

  public Optional<String> resolve(Optional<String> value, String what) {
    return value.map(v -> resolve(v, what));
  }

  private String lookup(Reference reference, String what) {
    Secret secret = store.find(reference.secret()).orElseThrow(() -> new SecretException(
        what + " refers to " + reference + ", but there is no secret '" + reference.secret() + "'; create it with"
            + " 'stepwise secret create " + reference.secret() + " --" + reference.key() + "=-' (reads the value"
            + " from stdin)"));
    return secret.value(reference.key()).orElseThrow(() -> new SecretException(
        what + " refers to " + reference + ", but secret '" + reference.secret() + "' has no key '"
            + reference.key() + "' (its keys: " + String.join(", ", secret.values().keySet()) + "); add it with"
            + " 'stepwise secret update " + reference.secret() + " --" + reference.key() + "=-'"));
  }
}

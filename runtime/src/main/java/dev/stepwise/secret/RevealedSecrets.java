package dev.stepwise.secret;

import dev.stepwise.flavor.SecretValues;
import dev.stepwise.support.SecretMask;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link SecretValues} of one use of the secret store: every config value a reference was
 * resolved into, and every secret value that went into one. A value is secret when it equals a
 * resolved value or contains a secret value long enough not to match by chance.
 */
final class RevealedSecrets implements SecretValues {
  /** Shorter secret values are matched only as whole config values: "1" must not mask every digit. */
  static final int MIN_EMBEDDED_LENGTH = 6;

  private final SecretReferences references;
  private final Set<String> resolvedValues = ConcurrentHashMap.newKeySet();
  private final Set<String> secretValues = ConcurrentHashMap.newKeySet();

  RevealedSecrets(SecretReferences references) {
    this.references = references;
  }

  @Override
  public String resolve(String text, String what) {
    List<SecretReferences.Reference> found = SecretReferences.find(text);
    if (found.isEmpty()) {
      return text;
    }
    String resolved = references.resolve(text, what);
    for (SecretReferences.Reference reference : found) {
      secretValues.add(references.resolve(reference.toString(), what));
    }
    resolvedValues.add(resolved);
    return resolved;
  }

  @Override
  public boolean isSecret(String value) {
    if (value == null) {
      return false;
    }
    if (resolvedValues.contains(value) || secretValues.contains(value)) {
      return true;
    }
    return secretValues.stream().anyMatch(s -> s.length() >= MIN_EMBEDDED_LENGTH && value.contains(s));
  }

  @Override
  public String mask(String text) {
    if (text == null) {
      return null;
    }
    String masked = text;
    // longest first, so a value that contains another is masked whole
    for (String value : secretValues.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList()) {
      if (value.length() >= MIN_EMBEDDED_LENGTH || masked.equals(value)) {
        masked = masked.replace(value, SecretMask.MASK);
      }
    }
    return masked;
  }
}

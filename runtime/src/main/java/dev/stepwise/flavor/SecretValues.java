package dev.stepwise.flavor;

import dev.stepwise.support.SecretMask;

/**
 * The values that came from secrets while components were created for one use (a run, an
 * explain). Component configs hold resolved plain strings, so this is how a flavor still knows
 * which of them must travel privately and be shown as {@code ***}.
 */
public interface SecretValues {
  /** Whether {@code value} came from, or carries, a secret's value. */
  boolean isSecret(String value);

  /** {@code text} with every secret value in it replaced by {@link SecretMask#MASK}, for logs and messages. */
  String mask(String text);

  /**
   * {@code text} with its {@code {{name.key}}} references resolved (and remembered as secret);
   * {@code what} names the setting for the error a missing secret or key gets.
   */
  String resolve(String text, String what);

  /** For validation and tests: nothing is secret and references stay as written. */
  SecretValues NONE = new SecretValues() {
    @Override
    public boolean isSecret(String value) {
      return false;
    }

    @Override
    public String mask(String text) {
      return text;
    }

    @Override
    public String resolve(String text, String what) {
      return text;
    }
  };
}

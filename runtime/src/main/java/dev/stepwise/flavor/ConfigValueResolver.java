package dev.stepwise.flavor;

/**
 * Turns a stored config value into the value a component is created with. The seam for secret
 * references ({@code {{name.key}}}): stored configs keep them unresolved, and a resolver replaces
 * them only when a component is created for use.
 */
@FunctionalInterface
public interface ConfigValueResolver {
  /** Leaves every value as stored: used for validation at registration. */
  ConfigValueResolver UNRESOLVED = (key, value) -> value;

  Object resolve(String key, Object value);

  /** The values this resolver took from secrets so far (and will take): components keep this to mask them. */
  default SecretValues secretValues() {
    return SecretValues.NONE;
  }
}

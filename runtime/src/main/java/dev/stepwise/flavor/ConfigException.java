package dev.stepwise.flavor;

import dev.stepwise.support.StepwiseException;

/**
 * A component's settings are wrong (an unknown or repeated key, a missing required one, a value of
 * the wrong type), or the installed flavors clash; the message names the key and the fix.
 */
public final class ConfigException extends StepwiseException {
  public ConfigException(String message) {
    super(message);
  }
}

package dev.stepwise.flavor;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What a flavor may need to create its component: where Stepwise keeps its configuration, and
 * which of its resolved config values came from secrets.
 */
public record ComponentContext(Path configDir, SecretValues secrets) {
  public ComponentContext {
    Objects.requireNonNull(secrets, "secrets");
  }

  public ComponentContext(Path configDir) {
    this(configDir, SecretValues.NONE);
  }
}

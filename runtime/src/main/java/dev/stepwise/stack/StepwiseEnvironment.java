package dev.stepwise.stack;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What Stepwise reads from the process it runs in: environment variables, the working directory
 * (where the project's {@code .stepwise/config.json} is searched from) and the user's home. Passed
 * explicitly so tests and embedding code can run against a temporary configuration.
 */
public record StepwiseEnvironment(Map<String, String> variables, Path workingDirectory, Path home) {
  public static final String CONFIG_DIR_VARIABLE = "STEPWISE_CONFIG_DIR";
  public static final String ACTIVE_STACK_VARIABLE = "STEPWISE_ACTIVE_STACK";

  public StepwiseEnvironment {
    variables = Map.copyOf(variables);
    workingDirectory = workingDirectory.toAbsolutePath().normalize();
    Objects.requireNonNull(home, "home");
  }

  public static StepwiseEnvironment current() {
    return new StepwiseEnvironment(
        System.getenv(), Path.of("").toAbsolutePath(), Path.of(System.getProperty("user.home")));
  }

  /** {@code ${STEPWISE_CONFIG_DIR:-${XDG_CONFIG_HOME:-~/.config}/stepwise}}. */
  public Path configDirectory() {
    String explicit = variables.get(CONFIG_DIR_VARIABLE);
    if (explicit != null && !explicit.isBlank()) {
      return Path.of(explicit).toAbsolutePath().normalize();
    }
    String xdg = variables.get("XDG_CONFIG_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".config");
    return base.resolve("stepwise").toAbsolutePath().normalize();
  }

  /** The same environment with one variable changed, for tests and child processes. */
  public StepwiseEnvironment with(String name, String value) {
    Map<String, String> changed = new java.util.HashMap<>(variables);
    changed.put(name, value);
    return new StepwiseEnvironment(changed, workingDirectory, home);
  }
}

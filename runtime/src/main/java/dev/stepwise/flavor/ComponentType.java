package dev.stepwise.flavor;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The kinds of stack component, spelled as in ZenML ({@code artifact_store}) and on the CLI ({@code artifact-store}). */
public enum ComponentType {
  ORCHESTRATOR,
  ARTIFACT_STORE,
  STEP_OPERATOR,
  CONTAINER_REGISTRY,
  IMAGE_BUILDER;

  /** {@code artifact_store}: the spelling in stored config and in ZenML. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** {@code artifact-store}: the spelling of the CLI command group. */
  public String cliName() {
    return id().replace('_', '-');
  }

  /** Whether every stack must have exactly one component of this type. */
  public boolean required() {
    return this == ORCHESTRATOR || this == ARTIFACT_STORE;
  }

  /** Accepts {@code artifact_store}, {@code artifact-store} and {@code ARTIFACT_STORE}. */
  public static Optional<ComponentType> parse(String text) {
    String normalized = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    return Arrays.stream(values()).filter(t -> t.name().equals(normalized)).findFirst();
  }
}

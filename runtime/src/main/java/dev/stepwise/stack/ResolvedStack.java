package dev.stepwise.stack;

import dev.stepwise.flavor.ComponentType;
import dev.stepwise.flavor.StackView;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A stack ready to run: its stored view plus, per component type present, the working component
 * created by the component's flavor ({@code ArtifactStore}, {@code StepOperator}, ...). Secret
 * references in configs are resolved only inside the components, at the moment of use.
 */
public record ResolvedStack(StackView view, Map<ComponentType, Object> components) {
  public ResolvedStack {
    Objects.requireNonNull(view, "view");
    components = Map.copyOf(components);
  }

  public String name() {
    return view.stackName();
  }

  /** The component of {@code type}, which this stack has by construction (orchestrator, artifact store). */
  public <T> T require(ComponentType type, Class<T> as) {
    return find(type, as)
        .orElseThrow(() -> new IllegalStateException(
            "stack '" + name() + "' has no " + type.id() + " of type " + as.getSimpleName()));
  }

  public <T> Optional<T> find(ComponentType type, Class<T> as) {
    Object component = components.get(type);
    return as.isInstance(component) ? Optional.of(as.cast(component)) : Optional.empty();
  }
}

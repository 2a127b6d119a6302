package dev.stepwise.stack;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.stepwise.flavor.ComponentModel;
import dev.stepwise.flavor.ComponentType;
import dev.stepwise.flavor.StackView;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything the stack store file holds: components by type and name, stacks by name, and the
 * user's active stack choice. Immutable; the {@code with*} methods return changed copies.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StoreDocument(
    @JsonProperty("version") int version,
    @JsonProperty("components") Map<String, Map<String, StoredComponent>> components,
    @JsonProperty("stacks") Map<String, StoredStack> stacks,
    @JsonProperty("active_stack") String activeStack) {

  public static final int VERSION = 1;
  public static final String DEFAULT = "default";
  /** The built-in Spark step operator of the default stack: local Spark, driver in the submitting process. */
  public static final String DEFAULT_SPARK_STEP_OPERATOR = "local_spark";

  public StoreDocument {
    SortedMap<String, Map<String, StoredComponent>> byType = new TreeMap<>();
    if (components != null) {
      components.forEach((type, named) -> {
        ComponentType.parse(type).filter(t -> t.id().equals(type)).orElseThrow(() ->
            new IllegalArgumentException("unknown component type '" + type + "' (valid: "
                + ComponentTypes.ids() + ")"));
        byType.put(type, Collections.unmodifiableSortedMap(new TreeMap<>(named)));
      });
    }
    components = Collections.unmodifiableSortedMap(byType);
    stacks = stacks == null ? Map.of() : Collections.unmodifiableSortedMap(new TreeMap<>(stacks));
  }

  /** An empty store with the built-in {@code default} stack, whose artifacts live under {@code configDir}. */
  public static StoreDocument initial(Path configDir) {
    return new StoreDocument(VERSION, Map.of(), Map.of(), null).withDefaults(configDir);
  }

  /**
   * Adds the {@code default} orchestrator, artifact store, the {@code local_spark} step operator on
   * {@code local[*]} and the {@code default} stack made of them when absent, so a step annotated
   * {@code @Step(stepOperator = Step.ACTIVE_STACK_OPERATOR)} or {@code "local_spark"} runs on Spark on a fresh machine.
   */
  public StoreDocument withDefaults(Path configDir) {
    StoreDocument document = this;
    if (component(ComponentType.ORCHESTRATOR, DEFAULT).isEmpty()) {
      document = document.withComponent(ComponentType.ORCHESTRATOR, DEFAULT,
          new StoredComponent("local", Map.of()));
    }
    if (component(ComponentType.ARTIFACT_STORE, DEFAULT).isEmpty()) {
      document = document.withComponent(ComponentType.ARTIFACT_STORE, DEFAULT,
          new StoredComponent("local", Map.of("path", configDir.resolve("artifacts").toString())));
    }
    if (component(ComponentType.STEP_OPERATOR, DEFAULT_SPARK_STEP_OPERATOR).isEmpty()) {
      document = document.withComponent(ComponentType.STEP_OPERATOR, DEFAULT_SPARK_STEP_OPERATOR,
          new StoredComponent("spark", Map.of("master", "local[*]", "deploy_mode", "client")));
    }
    if (!stacks.containsKey(DEFAULT)) {
      Map<ComponentType, String> parts = new EnumMap<>(ComponentType.class);
      parts.put(ComponentType.ORCHESTRATOR, DEFAULT);
      parts.put(ComponentType.ARTIFACT_STORE, DEFAULT);
      parts.put(ComponentType.STEP_OPERATOR, DEFAULT_SPARK_STEP_OPERATOR);
      document = document.withStack(DEFAULT, new StoredStack(parts));
    }
    return document;
  }

  public Map<String, StoredComponent> components(ComponentType type) {
    return components.getOrDefault(type.id(), Map.of());
  }

  public Optional<StoredComponent> component(ComponentType type, String name) {
    return Optional.ofNullable(components(type).get(name));
  }

  public Optional<StoredStack> stack(String name) {
    return Optional.ofNullable(stacks.get(name));
  }

  @JsonIgnore
  public Optional<String> activeStackChoice() {
    return Optional.ofNullable(activeStack);
  }

  public StoreDocument withComponent(ComponentType type, String name, StoredComponent component) {
    Map<String, Map<String, StoredComponent>> changed = new TreeMap<>(components);
    Map<String, StoredComponent> named = new TreeMap<>(components(type));
    named.put(name, component);
    changed.put(type.id(), named);
    return new StoreDocument(version, changed, stacks, activeStack);
  }

  public StoreDocument withoutComponent(ComponentType type, String name) {
    Map<String, Map<String, StoredComponent>> changed = new TreeMap<>(components);
    Map<String, StoredComponent> named = new TreeMap<>(components(type));
    named.remove(name);
    changed.put(type.id(), named);
    return new StoreDocument(version, changed, stacks, activeStack);
  }

  public StoreDocument withStack(String name, StoredStack stack) {
    Map<String, StoredStack> changed = new TreeMap<>(stacks);
    changed.put(name, stack);
    return new StoreDocument(version, components, changed, activeStack);
  }

  public StoreDocument withoutStack(String name) {
    Map<String, StoredStack> changed = new TreeMap<>(stacks);
    changed.remove(name);
    return new StoreDocument(version, components, changed, activeStack);
  }

  public StoreDocument withActiveStack(String name) {
    return new StoreDocument(version, components, stacks, name);
  }

  /** The stack as a flavor sees it, or empty when a referenced component does not exist. */
  public StackView view(String stackName, StoredStack stack) {
    Map<ComponentType, ComponentModel> models = new EnumMap<>(ComponentType.class);
    stack.components().forEach((type, name) ->
        component(type, name).ifPresent(c -> models.put(type, c.model(type, name))));
    return new StackView(stackName, models, stacks.containsKey(stackName));
  }
}

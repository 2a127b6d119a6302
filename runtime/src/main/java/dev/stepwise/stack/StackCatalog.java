package dev.stepwise.stack;

import dev.stepwise.flavor.ComponentType;
import dev.stepwise.flavor.FlavorRegistry;
import dev.stepwise.flavor.StackProblem;
import dev.stepwise.flavor.StackView;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Registers, changes, chooses and removes stacks; what {@code stepwise stack ...} does, callable
 * from Java. A stack is validated before it is stored or chosen.
 */
public final class StackCatalog {
  private final StackStore store;
  private final StepwiseEnvironment environment;
  private final StackValidator validator;

  public StackCatalog(StepwiseEnvironment environment, FlavorRegistry flavors) {
    this.environment = environment;
    this.store = StackStore.of(environment);
    this.validator = new StackValidator(flavors);
  }

  /** One stack, for {@code list} and {@code describe}. */
  public record Entry(String name, StoredStack stack, StackView view, boolean active) {}

  public StoredStack register(String name, Map<ComponentType, String> components, boolean makeActive) {
    Names.check("stack", name);
    StoredStack stack = new StoredStack(components);
    store.update(document -> {
      if (document.stack(name).isPresent()) {
        throw new StackException("A stack named '" + name + "' already exists. Change it with `stepwise stack"
            + " update " + name + " ...`, or pick another name.");
      }
      validator.check(document, name, stack);
      StoreDocument changed = document.withStack(name, stack);
      return makeActive ? changed.withActiveStack(name) : changed;
    });
    return stack;
  }

  public StoredStack update(String name, Map<ComponentType, String> changes) {
    if (changes.isEmpty()) {
      throw new StackException("Nothing to update: give the components to change, e.g. `stepwise stack update "
          + name + " -s <step operator>`.");
    }
    StoreDocument after = store.update(document -> {
      StoredStack stack = require(document, name).with(changes);
      validator.check(document, name, stack);
      return document.withStack(name, stack);
    });
    return after.stack(name).orElseThrow();
  }

  /** Makes {@code name} the user's active stack; returns what is active now (a higher-precedence choice may win). */
  public ActiveStack set(String name) {
    StoreDocument after = store.update(document -> {
      validator.check(document, name, require(document, name));
      return document.withActiveStack(name);
    });
    return ActiveStackResolution.resolve(environment, after);
  }

  public void delete(String name) {
    if (StoreDocument.DEFAULT.equals(name)) {
      throw new StackException("The default stack cannot be deleted: it is the fallback when no stack is chosen.");
    }
    store.update(document -> {
      require(document, name);
      ActiveStack active = ActiveStackResolution.resolve(environment, document);
      if (active.name().equals(name) || document.activeStackChoice().filter(name::equals).isPresent()) {
        throw new StackException("The stack '" + name + "' is active (chosen by " + active.origin() + ")."
            + " Choose another first, e.g. `stepwise stack set default`, then delete it.");
      }
      return document.withoutStack(name);
    });
  }

  public ActiveStack active() {
    return ActiveStackResolution.resolve(environment, store.read());
  }

  public List<Entry> list() {
    StoreDocument document = store.read();
    String active = ActiveStackResolution.resolve(environment, document).name();
    return document.stacks().entrySet().stream()
        .map(e -> new Entry(e.getKey(), e.getValue(), document.view(e.getKey(), e.getValue()),
            e.getKey().equals(active)))
        .toList();
  }

  public Entry describe(String name) {
    StoreDocument document = store.read();
    StoredStack stack = require(document, name);
    String active = ActiveStackResolution.resolve(environment, document).name();
    return new Entry(name, stack, document.view(name, stack), name.equals(active));
  }

  /** The problems of a stored stack, empty when it can run. */
  public List<StackProblem> problems(String name) {
    StoreDocument document = store.read();
    return validator.problems(document, name, require(document, name));
  }

  static StoredStack require(StoreDocument document, String name) {
    return document.stack(name).orElseThrow(() -> new StackException("There is no stack named '" + name
        + "'. Stacks: " + String.join(", ", document.stacks().keySet()) + ". Register one with `stepwise stack"
        + " register " + name + " -o <orchestrator> -a <artifact store>`."));
  }

  /** Components by type from nullable CLI options, in a stable order. */
  public static Map<ComponentType, String> components(
      String orchestrator, String artifactStore, String stepOperator, String containerRegistry, String imageBuilder) {
    Map<ComponentType, String> components = new EnumMap<>(ComponentType.class);
    put(components, ComponentType.ORCHESTRATOR, orchestrator);
    put(components, ComponentType.ARTIFACT_STORE, artifactStore);
    put(components, ComponentType.STEP_OPERATOR, stepOperator);
    put(components, ComponentType.CONTAINER_REGISTRY, containerRegistry);
    put(components, ComponentType.IMAGE_BUILDER, imageBuilder);
    return components;
  }

  private static void put(Map<ComponentType, String> components, ComponentType type, String name) {
    if (name != null) {
      components.put(type, name);
    }
  }
}

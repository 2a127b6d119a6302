package dev.stepwise.stack;

import dev.stepwise.flavor.ComponentContext;
import dev.stepwise.flavor.ComponentType;
import dev.stepwise.flavor.ConfigBinding;
import dev.stepwise.flavor.ConfigValueResolver;
import dev.stepwise.flavor.Flavor;
import dev.stepwise.flavor.FlavorRegistry;
import java.util.EnumMap;
import java.util.Map;

/**
 * Entry point to the stacks a user registered: resolves the active stack (STEPWISE_ACTIVE_STACK,
 * else the project's .stepwise/config.json, else the user's choice, else {@code default}), validates
 * it, and creates its components through their flavors.
 */
public final class Stacks {
  private Stacks() {}

  /** The active stack, validated and with its components created. Throws {@link StackException}. */
  public static ResolvedStack active() {
    return active(StepwiseEnvironment.current());
  }

  /** The stack of that name, validated and with its components created. Throws {@link StackException}. */
  public static ResolvedStack named(String name) {
    return named(name, StepwiseEnvironment.current());
  }

  public static ResolvedStack active(StepwiseEnvironment environment) {
    return active(environment, ConfigValueResolver.UNRESOLVED);
  }

  /**
   * The active stack with components created from values {@code resolver} resolved (for runs and
   * {@code step explain}: {@code new SecretConfigValues(..)}); stored configs are left as they are.
   */
  public static ResolvedStack active(StepwiseEnvironment environment, ConfigValueResolver resolver) {
    ActiveStack active = ActiveStackResolution.resolve(environment, StackStore.of(environment).read());
    try {
      return named(active.name(), environment, FlavorRegistry.load(), resolver);
    } catch (StackException e) {
      throw new StackException(e.getMessage() + "\n(The active stack '" + active.name() + "' was chosen by "
          + active.origin() + ".)", e.problems());
    }
  }

  public static ResolvedStack named(String name, StepwiseEnvironment environment) {
    return named(name, environment, FlavorRegistry.load(), ConfigValueResolver.UNRESOLVED);
  }

  public static ResolvedStack named(String name, StepwiseEnvironment environment, ConfigValueResolver resolver) {
    return named(name, environment, FlavorRegistry.load(), resolver);
  }

  /**
   * The stack of that name with components created by {@code flavors}; {@code resolver} turns stored
   * values (e.g. secret references) into the values the components get.
   */
  public static ResolvedStack named(
      String name, StepwiseEnvironment environment, FlavorRegistry flavors, ConfigValueResolver resolver) {
    StackStore store = StackStore.of(environment);
    StoreDocument document = store.read();
    StoredStack stack = StackCatalog.require(document, name);
    new StackValidator(flavors).check(document, name, stack);
    ComponentContext context = new ComponentContext(store.configDir());
    Map<ComponentType, Object> components = new EnumMap<>(ComponentType.class);
    stack.components().forEach((type, componentName) -> {
      StoredComponent stored = document.component(type, componentName).orElseThrow();
      components.put(type, create(flavors.require(type, stored.flavor()), componentName, stored, resolver, context));
    });
    return new ResolvedStack(document.view(name, stack), components);
  }

  private static <C extends Record> Object create(
      Flavor<C> flavor, String name, StoredComponent stored, ConfigValueResolver resolver, ComponentContext context) {
    return flavor.create(name, ConfigBinding.bind(flavor, stored.config(), resolver), context);
  }
}

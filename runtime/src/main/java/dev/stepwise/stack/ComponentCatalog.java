package dev.stepwise.stack;

import dev.stepwise.flavor.ComponentModel;
import dev.stepwise.flavor.ComponentType;
import dev.stepwise.flavor.ConfigBinding;
import dev.stepwise.flavor.ConfigValueResolver;
import dev.stepwise.flavor.Flavor;
import dev.stepwise.flavor.FlavorRegistry;
import java.util.List;
import java.util.Map;

/**
 * Registers, changes and removes stack components; what {@code stepwise <type> ...} does, callable
 * from Java. Every change is checked before it is stored.
 */
public final class ComponentCatalog {
  private final StackStore store;
  private final FlavorRegistry flavors;
  private final StackValidator validator;

  public ComponentCatalog(StackStore store, FlavorRegistry flavors) {
    this.store = store;
    this.flavors = flavors;
    this.validator = new StackValidator(flavors);
  }

  /** Registers a component from {@code --key=value} arguments. */
  public ComponentModel register(ComponentType type, String name, String flavorName, List<String> arguments) {
    Names.check(type.id(), name);
    Flavor<?> flavor = flavors.require(type, flavorName);
    Map<String, Object> config = ConfigBinding.parseArguments(flavor, arguments);
    ConfigBinding.bind(flavor, config, ConfigValueResolver.UNRESOLVED);
    StoredComponent component = new StoredComponent(flavorName, config);
    store.update(document -> {
      if (document.component(type, name).isPresent()) {
        throw new StackException("A " + type.id() + " named '" + name + "' already exists. Change it with `stepwise "
            + type.cliName() + " update " + name + " --key=value`, or pick another name.");
      }
      return document.withComponent(type, name, component);
    });
    return component.model(type, name);
  }

  /** Changes some keys of a component; every stack using it must stay valid. */
  public ComponentModel update(ComponentType type, String name, List<String> arguments) {
    if (arguments.isEmpty()) {
      throw new StackException("Nothing to update: give the keys to change as --key=value.");
    }
    StoreDocument after = store.update(document -> {
      StoredComponent current = require(document, type, name);
      Flavor<?> flavor = flavors.require(type, current.flavor());
      Map<String, Object> config = ConfigBinding.merge(current.config(),
          ConfigBinding.parseArguments(flavor, arguments));
      ConfigBinding.bind(flavor, config, ConfigValueResolver.UNRESOLVED);
      StoreDocument changed = document.withComponent(type, name, new StoredComponent(current.flavor(), config));
      changed.stacks().forEach((stackName, stack) -> {
        if (stack.uses(type, name)) {
          validator.check(changed, stackName, stack);
        }
      });
      return changed;
    });
    return after.component(type, name).orElseThrow().model(type, name);
  }

  /** Removes a component no stack uses. */
  public void delete(ComponentType type, String name) {
    store.update(document -> {
      require(document, type, name);
      List<String> users = document.stacks().entrySet().stream()
          .filter(e -> e.getValue().uses(type, name)).map(Map.Entry::getKey).toList();
      if (!users.isEmpty()) {
        throw new StackException("The " + type.id() + " '" + name + "' is used by the stack"
            + (users.size() > 1 ? "s " : " ") + String.join(", ", users) + ". Delete "
            + (users.size() > 1 ? "those stacks" : "that stack") + " first (`stepwise stack delete "
            + users.get(0) + "`) or give " + (users.size() > 1 ? "them" : "it") + " another " + type.id()
            + " (`stepwise stack update " + users.get(0) + " --" + type.cliName() + "=<other>`).");
      }
      return document.withoutComponent(type, name);
    });
  }

  public List<ComponentModel> list(ComponentType type) {
    return store.read().components(type).entrySet().stream()
        .map(e -> e.getValue().model(type, e.getKey())).toList();
  }

  public ComponentModel describe(ComponentType type, String name) {
    return require(store.read(), type, name).model(type, name);
  }

  /** The stacks that use a component, sorted. */
  public List<String> stacksUsing(ComponentType type, String name) {
    return store.read().stacks().entrySet().stream()
        .filter(e -> e.getValue().uses(type, name)).map(Map.Entry::getKey).toList();
  }

  static StoredComponent require(StoreDocument document, ComponentType type, String name) {
    return document.component(type, name).orElseThrow(() -> {
      var names = document.components(type).keySet();
      return new StackException("There is no " + type.id() + " named '" + name + "'. "
          + (names.isEmpty() ? "None is registered" : "Registered: " + String.join(", ", names))
          + "; register one with `stepwise " + type.cliName() + " register " + name + " --flavor=<flavor>`.");
    });
  }
}

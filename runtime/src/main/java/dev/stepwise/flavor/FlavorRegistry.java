package dev.stepwise.flavor;

import dev.stepwise.stack.StackException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * The flavors on the classpath, found with {@link ServiceLoader}. Two flavors with the same type and
 * name are an error naming both classes, since silently picking one would depend on jar order.
 */
public final class FlavorRegistry {
  private final Map<Key, Flavor<?>> flavors;

  private record Key(ComponentType type, String name) {}

  private FlavorRegistry(Map<Key, Flavor<?>> flavors) {
    this.flavors = Map.copyOf(flavors);
  }

  /** The flavors visible to the thread's context class loader (or this class's loader). */
  public static FlavorRegistry load() {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    return load(loader != null ? loader : FlavorRegistry.class.getClassLoader());
  }

  @SuppressWarnings("rawtypes")
  public static FlavorRegistry load(ClassLoader loader) {
    List<Flavor<?>> found = new ArrayList<>();
    for (Flavor flavor : ServiceLoader.load(Flavor.class, loader)) {
      found.add(flavor);
    }
    return of(found);
  }

  public static FlavorRegistry of(List<? extends Flavor<?>> flavors) {
    Map<Key, Flavor<?>> byKey = new HashMap<>();
    for (Flavor<?> flavor : flavors) {
      Key key = new Key(flavor.type(), flavor.name());
      Flavor<?> previous = byKey.putIfAbsent(key, flavor);
      if (previous != null && previous.getClass() != flavor.getClass()) {
        throw new StackException("Two " + flavor.type().id() + " flavors are named '" + flavor.name() + "': "
            + previous.getClass().getName() + " and " + flavor.getClass().getName()
            + ". Remove one of the jars that provide them from the classpath.");
      }
    }
    return new FlavorRegistry(byKey);
  }

  public Optional<Flavor<?>> find(ComponentType type, String name) {
    return Optional.ofNullable(flavors.get(new Key(type, name)));
  }

  /** The flavor, or an error listing the flavors of that type. */
  public Flavor<?> require(ComponentType type, String name) {
    return find(type, name).orElseThrow(() -> new StackException("There is no " + type.id()
        + " flavor '" + name + "'. Available " + type.id() + " flavors: " + names(type)
        + " (see `stepwise " + type.cliName() + " flavor list`)."));
  }

  /** The flavors of one type, sorted by name. */
  public List<Flavor<?>> list(ComponentType type) {
    return flavors.values().stream()
        .filter(f -> f.type() == type)
        .sorted(Comparator.comparing(Flavor::name))
        .collect(Collectors.toUnmodifiableList());
  }

  public String names(ComponentType type) {
    List<Flavor<?>> ofType = list(type);
    return ofType.isEmpty() ? "(none installed)"
        : ofType.stream().map(Flavor::name).collect(Collectors.joining(", "));
  }
}

package dev.stepwise.artifact;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The materializers available to this JVM: those found with {@link ServiceLoader} first, then the
 * built-in bytes and JSON ones. The first that can handle a type wins.
 */
public final class Materializers {
  private final List<Materializer> all;

  public Materializers(List<Materializer> all) {
    this.all = List.copyOf(all);
  }

  /** Plugins from {@code loader}'s class path, then the built-ins. */
  public static Materializers discover(ClassLoader loader) {
    List<Materializer> found = new ArrayList<>();
    ServiceLoader.load(Materializer.class, loader).forEach(found::add);
    found.add(new BytesMaterializer());
    found.add(new JsonMaterializer());
    return new Materializers(found);
  }

  public static Materializers discover() {
    return discover(Thread.currentThread().getContextClassLoader());
  }

  public List<Materializer> all() {
    return all;
  }

  public Optional<Materializer> forType(Type type) {
    return all.stream().filter(m -> m.canHandle(type)).findFirst();
  }

  public Optional<Materializer> byId(String id) {
    return all.stream().filter(m -> m.id().equals(id)).findFirst();
  }
}

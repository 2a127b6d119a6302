package dev.stepwise.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Files the Stepwise runtime jar carries (scripts, class files), read whole. */
public final class RuntimeResources {
  private RuntimeResources() {}

  /**
   * The bytes of {@code resource} (a path in the runtime jar); an {@link IllegalStateException}
   * naming it when the jar lacks it, which only a broken build does.
   */
  public static byte[] bytes(String resource) {
    try (InputStream in = RuntimeResources.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the Stepwise runtime jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

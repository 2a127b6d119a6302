package dev.stepwise.image;

import java.io.IOException;
import java.nio.file.Path;

/** {@link ImageFixtures} for tests in other packages. */
public final class ImageFixturesAccess {
  private ImageFixturesAccess() {}

  public static Path dependencyJar(Path dir, String name) throws IOException {
    return ImageFixtures.dependencyJar(dir, name, "dependency");
  }

  public static Path classesDir(Path dir) throws IOException {
    return ImageFixtures.classesDir(dir, "class bytes");
  }
}

package dev.stepwise.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * Stepwise's cache directory, {@code ${XDG_CACHE_HOME:-~/.cache}/stepwise}, and the files the
 * runtime materializes there (the embedded Spark home, the GPU discovery script).
 */
public record StepwiseCacheDir(Path path) {

  public static StepwiseCacheDir fromEnvironment(Map<String, String> env) {
    String xdg = env.get("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    return new StepwiseCacheDir(base.resolve("stepwise"));
  }

  /** The user's cache; the system property {@code stepwise.cacheDir} replaces it (tests, sandboxes). */
  public static StepwiseCacheDir standard() {
    String override = System.getProperty("stepwise.cacheDir");
    return override != null && !override.isBlank()
        ? new StepwiseCacheDir(Path.of(override)) : fromEnvironment(System.getenv());
  }

  /**
   * Copies a classpath resource to {@code <cache>/<stem>-<content hash><suffix>}, executable, once;
   * concurrent callers each write a temp file and rename it, so readers never see a partial file.
   */
  public Path materializeExecutable(String resource, String stem, String suffix) {
    byte[] content = RuntimeResources.bytes(resource);
    Path target = path.resolve(stem + "-" + Sha256.hex(content).substring(0, 12) + suffix);
    if (Files.isExecutable(target)) {
      return target;
    }
    try {
      Files.createDirectories(path);
      Path temp = Files.createTempFile(path, "." + stem, ".tmp");
      Files.write(temp, content);
      Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
      AtomicFiles.publish(temp, target);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    }
  }
}

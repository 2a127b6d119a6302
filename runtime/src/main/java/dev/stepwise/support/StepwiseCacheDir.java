package dev.stepwise.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
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
    byte[] content;
    try (InputStream in = StepwiseCacheDir.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("resource " + resource + " is missing from the Stepwise runtime jar");
      }
      content = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Path target = path.resolve(stem + "-" + sha256(content).substring(0, 12) + suffix);
    if (Files.isExecutable(target)) {
      return target;
    }
    try {
      Files.createDirectories(path);
      Path temp = Files.createTempFile(path, "." + stem, ".tmp");
      Files.write(temp, content);
      Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
      moveIntoPlace(temp, target);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  /** Atomically renames {@code temp} to {@code target}; if another process got there first, keeps theirs. */
  static boolean moveIntoPlace(Path temp, Path target) throws IOException {
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      return true;
    } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
      DirectoryTrees.delete(temp);
      return false;
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("the cache directory " + target.getParent()
          + " does not support atomic renames; set XDG_CACHE_HOME to a local directory", e);
    }
  }

  static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

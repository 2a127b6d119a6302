package dev.stepwise.cache;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.stepwise.support.AtomicFiles;
import dev.stepwise.support.JsonCodec;
import dev.stepwise.support.Sha256;
import dev.stepwise.support.StepwiseCacheDir;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SHA-256 of jar files, remembered by path, size and modification time in {@code
 * <cache>/jar-digests.json}, so a class path of Spark's hundreds of megabytes is hashed once and
 * then only looked at. A lost or unreadable memo only costs the hashing again.
 */
final class JarDigests {
  private static final Logger LOG = LoggerFactory.getLogger(JarDigests.class);
  private static final TypeReference<TreeMap<String, String>> MAP = new TypeReference<>() {};

  private final Path memoFile;
  private final Map<String, String> memo = new ConcurrentHashMap<>();
  private boolean loaded;
  private boolean dirty;

  JarDigests(Path memoFile) {
    this.memoFile = memoFile;
  }

  static JarDigests standard() {
    return new JarDigests(StepwiseCacheDir.standard().path().resolve("jar-digests.json"));
  }

  synchronized String digest(Path jar) {
    load();
    try {
      BasicFileAttributes attributes = Files.readAttributes(jar, BasicFileAttributes.class);
      String key = jar.toAbsolutePath().normalize() + "|" + attributes.size() + "|"
          + attributes.lastModifiedTime().toMillis();
      String known = memo.get(key);
      if (known != null) {
        return known;
      }
      MessageDigest digest = Sha256.digest();
      Sha256.update(digest, Files.newInputStream(jar));
      String hex = Sha256.hex(digest);
      memo.put(key, hex);
      dirty = true;
      return hex;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the jar " + jar + " to compute the step's cache key", e);
    }
  }

  private void load() {
    if (loaded) {
      return;
    }
    loaded = true;
    if (Files.isRegularFile(memoFile)) {
      try {
        memo.putAll(JsonCodec.mapper().readValue(memoFile.toFile(), MAP));
      } catch (IOException e) {
        LOG.debug("ignoring the unreadable jar digest memo {}: {}", memoFile, e.toString());
      }
    }
  }

  /** Remembers the digests computed since the last call. */
  synchronized void flush() {
    if (!dirty) {
      return;
    }
    dirty = false;
    try {
      Files.createDirectories(memoFile.getParent());
      AtomicFiles.write(memoFile, JsonCodec.mapper().writeValueAsBytes(new TreeMap<>(memo)));
    } catch (IOException e) {
      LOG.debug("cannot remember jar digests in {}: {}", memoFile, e.toString());
    }
  }
}

package dev.stepwise.artifact;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Where runs keep their artifacts, specs, results, records and logs. Addresses are URIs under
 * {@link #root()}, so a store can be a local directory today and an object store later; code that
 * only has a URI (the step entrypoint reading its spec) opens the store with {@link #at(URI)}.
 *
 * <p>Writes through {@link #write} are atomic: readers see the old content or the new, never a
 * half-written file.
 */
public interface ArtifactStore {

  /** The store's root; every URI this store hands out is under it. */
  URI root();

  /** The URI of {@code relativePath} ('/'-separated) under the root. Rejects paths that leave the root. */
  URI resolve(String relativePath);

  /** Writes the whole content atomically (temp file, fsync, rename), creating parent directories. */
  void write(URI uri, ContentWriter content) throws IOException;

  default void write(URI uri, byte[] bytes) throws IOException {
    write(uri, out -> out.write(bytes));
  }

  /**
   * Writes the whole content atomically, as {@link #write} does, but need not wait for it to be
   * durable: a crash of this process leaves the old content or the new, while a power cut may lose the
   * write or leave it unreadable. Only for what may be lost and is read as absent when it cannot be
   * read (cache entries). Stores whose every write is durable write as {@link #write} does.
   */
  default void writeUnsynced(URI uri, byte[] bytes) throws IOException {
    write(uri, bytes);
  }

  /**
   * Writes the whole content atomically, as {@link #write} does, for a file that a later {@link #write}
   * into the same directory vouches for (an artifact's data files, then its {@code artifact.json}): this
   * write may become durable only when that one returns, which makes both durable (a local store syncs
   * the directory once for the two). Stores whose every write is durable write as {@link #write} does.
   */
  default void writeBeforeSibling(URI uri, ContentWriter content) throws IOException {
    write(uri, content);
  }

  default void writeBeforeSibling(URI uri, byte[] bytes) throws IOException {
    writeBeforeSibling(uri, out -> out.write(bytes));
  }

  InputStream open(URI uri) throws IOException;

  default byte[] read(URI uri) throws IOException {
    try (InputStream in = open(uri)) {
      return in.readAllBytes();
    }
  }

  boolean exists(URI uri);

  /** The direct children of a directory-like URI, sorted; empty when it does not exist. */
  List<URI> list(URI directory) throws IOException;

  /** Deletes a file or a directory tree; nothing when it does not exist. */
  void delete(URI uri) throws IOException;

  /** An append-only stream for logs, created if missing; each flush is visible to readers. */
  OutputStream append(URI uri) throws IOException;

  /** Whether the store lives on this machine's file system (remote step operators refuse it). */
  boolean isLocal();

  /**
   * Checks, cheaply, that this store can be used now (credentials accepted, bucket present, endpoint
   * reachable); throws a {@link dev.stepwise.stack.StackException} naming the problem and its fix.
   * The orchestrator calls it before a run is recorded or any step starts. Local stores need nothing.
   */
  default void verifyAccess() {}

  /**
   * What a step JVM needs in its environment to open this store from its root URI (endpoint,
   * credentials...). Step operators pass it as the launched process's environment, never as
   * arguments; it may hold secrets, so it is never logged. Local stores need nothing.
   */
  default Map<String, String> childEnvironment() {
    return Map.of();
  }

  /** The local file behind {@code uri}, for stores that have one. */
  Optional<Path> localPath(URI uri);

  /** Writes content to a stream the store makes atomic. */
  @FunctionalInterface
  interface ContentWriter {
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * Opens the store rooted at {@code root}: a {@code file:} URI or plain path opens a
   * {@link LocalArtifactStore}; other schemes are served by {@link ArtifactStoreScheme}
   * implementations found with {@link ServiceLoader}.
   */
  static ArtifactStore at(URI root) {
    String scheme = root.getScheme();
    if (scheme == null || scheme.equals("file")) {
      return new LocalArtifactStore(scheme == null ? Path.of(root.getPath()) : Path.of(root));
    }
    for (ArtifactStoreScheme candidate : ServiceLoader.load(ArtifactStoreScheme.class)) {
      if (candidate.scheme().equals(scheme)) {
        return candidate.open(root);
      }
    }
    throw new IllegalArgumentException("no artifact store can open '" + root + "': the scheme '"
        + scheme + "' is not supported; use a local directory (file:) or add a jar that provides "
        + "an ArtifactStoreScheme for it");
  }
}

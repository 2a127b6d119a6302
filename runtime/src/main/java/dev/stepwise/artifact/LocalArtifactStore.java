package dev.stepwise.artifact;

import dev.stepwise.support.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/** An artifact store in a local directory. */
public final class LocalArtifactStore implements ArtifactStore {
  private final Path root;

  public LocalArtifactStore(Path root) {
    this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
  }

  public Path directory() {
    return root;
  }

  @Override
  public URI root() {
    return root.toUri();
  }

  @Override
  public URI resolve(String relativePath) {
    Path resolved = root.resolve(relativePath).normalize();
    if (!resolved.startsWith(root)) {
      throw new IllegalArgumentException(
          "'" + relativePath + "' leaves the artifact store root " + root);
    }
    // a trailing '/' marks a directory, whether or not it exists yet
    String uri = resolved.toUri().toString();
    boolean directory = relativePath.endsWith("/") || relativePath.isEmpty();
    if (directory && !uri.endsWith("/")) {
      uri += "/";
    } else if (!directory && uri.endsWith("/")) {
      uri = uri.substring(0, uri.length() - 1);
    }
    return URI.create(uri);
  }

  @Override
  public void write(URI uri, ContentWriter content) throws IOException {
    AtomicFiles.write(path(uri), content::writeTo);
  }

  @Override
  public void writeUnsynced(URI uri, byte[] bytes) throws IOException {
    AtomicFiles.writeUnsynced(path(uri), bytes);
  }

  @Override
  public void writeBeforeSibling(URI uri, ContentWriter content) throws IOException {
    AtomicFiles.writeBeforeSibling(path(uri), content::writeTo);
  }

  @Override
  public InputStream open(URI uri) throws IOException {
    return Files.newInputStream(path(uri));
  }

  @Override
  public boolean exists(URI uri) {
    return Files.exists(path(uri));
  }

  @Override
  public List<URI> list(URI directory) throws IOException {
    Path dir = path(directory);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> children = Files.list(dir)) {
      return children.sorted().map(Path::toUri).toList();
    }
  }

  @Override
  public void delete(URI uri) throws IOException {
    Path target = path(uri);
    if (!Files.exists(target)) {
      return;
    }
    try (Stream<Path> tree = Files.walk(target)) {
      for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
        try {
          Files.delete(p);
        } catch (NoSuchFileException ignored) {
          // removed concurrently: the goal is reached
        }
      }
    }
  }

  @Override
  public OutputStream append(URI uri) throws IOException {
    Path target = path(uri);
    Files.createDirectories(target.getParent());
    return Files.newOutputStream(target, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  @Override
  public boolean isLocal() {
    return true;
  }

  @Override
  public Optional<Path> localPath(URI uri) {
    return Optional.of(path(uri));
  }

  private Path path(URI uri) {
    if (!"file".equals(uri.getScheme())) {
      throw new IllegalArgumentException(
          "'" + uri + "' is not in the local artifact store at " + root);
    }
    Path p = Path.of(uri).normalize();
    if (!p.startsWith(root)) {
      throw new IllegalArgumentException(
          "'" + uri + "' is outside the local artifact store at " + root);
    }
    return p;
  }

  @Override
  public String toString() {
    return "LocalArtifactStore[" + root + "]";
  }
}

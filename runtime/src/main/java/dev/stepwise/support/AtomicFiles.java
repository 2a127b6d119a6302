package dev.stepwise.support;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.util.UUID;

/**
 * Atomic file writes, one policy for every file Stepwise keeps (config, secrets, run records, local
 * artifacts): write a temp file beside the target, fsync it, rename it over the target, fsync the
 * directory. A reader sees the old file or the new one, never half of one. A file system that cannot
 * rename atomically is refused with an {@link IOException} naming it: Stepwise never falls back to a
 * copy that a crash could leave half-written. Files that may be lost and are read as absent when
 * unreadable (cache entries) may skip both fsyncs: {@link #writeUnsynced}. Files that a durable write
 * beside them makes durable (an artifact's data, then its {@code artifact.json}) may skip the
 * directory's fsync: {@link #writeBeforeSibling}.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Writes the bytes {@code content} produces to a file. */
  @FunctionalInterface
  public interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * Replaces {@code target} with what {@code content} writes, atomically; {@code attributes} (e.g.
   * owner-only permissions) are set on the file before any byte is written.
   */
  public static void write(Path target, Content content, FileAttribute<?>... attributes) throws IOException {
    write(target, content, Sync.FILE_AND_DIRECTORY, attributes);
  }

  /**
   * Replaces {@code target} with {@code bytes} atomically, without waiting for the disk: a crash of the
   * writing process leaves the old file or the new one, but a power cut may lose the write or leave
   * the file empty. Only for files that may be lost and are read as absent when they cannot be read.
   */
  public static void writeUnsynced(Path target, byte[] bytes) throws IOException {
    write(target, out -> out.write(bytes), Sync.NONE);
  }

  /**
   * Replaces {@code target} atomically with its bytes on disk, but not yet its name: the directory is
   * not synced, so the next {@link #write} of a file in the same directory, which syncs it, makes this
   * rename durable too. For files that such a later file vouches for (an artifact's data files, which
   * its {@code artifact.json} written last beside them declares complete); until that write returns,
   * a power cut may lose this one.
   */
  public static void writeBeforeSibling(Path target, Content content) throws IOException {
    write(target, content, Sync.FILE);
  }

  /** What a write waits for: nothing, the file's bytes, or also its name in the directory. */
  private enum Sync { NONE, FILE, FILE_AND_DIRECTORY }

  private static void write(Path target, Content content, Sync sync, FileAttribute<?>... attributes)
      throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path temp = dir.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
    try {
      Files.createFile(temp, attributes);
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        OutputStream out = Channels.newOutputStream(channel);
        content.writeTo(out);
        out.flush();
        if (sync != Sync.NONE) {
          channel.force(true);
        }
      }
      if (sync == Sync.FILE_AND_DIRECTORY) {
        replace(temp, target);
      } else {
        rename(temp, target);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /**
   * Deletes the temp files that writers of {@code target} killed before their rename left behind.
   * Call it only while holding the lock that writers of {@code target} take.
   */
  public static void removeLeftovers(Path target) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (DirectoryStream<Path> temps = Files.newDirectoryStream(dir, "." + target.getFileName() + ".*.tmp")) {
      for (Path temp : temps) {
        Files.deleteIfExists(temp);
      }
    }
  }

  public static void write(Path target, byte[] bytes, FileAttribute<?>... attributes) throws IOException {
    write(target, out -> out.write(bytes), attributes);
  }

  /** Renames {@code source} over {@code target} atomically and makes the rename durable. */
  public static void replace(Path source, Path target) throws IOException {
    rename(source, target);
    syncDirectory(target.toAbsolutePath().getParent());
  }

  private static void rename(Path source, Path target) throws IOException {
    try {
      Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      throw notAtomic(target, e);
    }
  }

  /**
   * Publishes {@code source} (a file or a directory) as {@code target} if nothing is there yet; when
   * another process got there first, deletes {@code source}, keeps theirs and returns false. For
   * content-addressed cache entries, where either copy is as good as the other.
   */
  public static boolean publish(Path source, Path target) throws IOException {
    try {
      Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
      syncDirectory(target.toAbsolutePath().getParent());
      return true;
    } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
      DirectoryTrees.delete(source);
      return false;
    } catch (AtomicMoveNotSupportedException e) {
      throw notAtomic(target, e);
    }
  }

  private static IOException notAtomic(Path target, IOException cause) {
    return new IOException("the file system of " + target.toAbsolutePath().getParent() + " cannot rename atomically,"
        + " so Stepwise cannot write " + target.getFileName() + " safely there; use a local file system"
        + " for that directory", cause);
  }

  // Makes the rename itself durable; not every platform can open a directory, which is fine.
  private static void syncDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // the rename is atomic either way; only its durability across power loss is weaker
    }
  }
}

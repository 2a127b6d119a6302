package dev.stepwise.support;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Exclusive read-modify-write across processes and threads: a {@link FileLock} on a lock file beside
 * the data, and, because a JVM holds a file lock for all its threads at once, an in-JVM lock per lock
 * file in front of it.
 */
public final class FileLocks {
  private static final Map<Path, ReentrantLock> IN_JVM = new ConcurrentHashMap<>();

  private FileLocks() {}

  /** What runs while the lock is held. */
  @FunctionalInterface
  public interface Body<T> {
    T run() throws IOException;
  }

  /**
   * Runs {@code body} holding the lock on {@code lockFile}, created (with {@code attributes}) if
   * missing; other threads and processes locking the same file wait.
   */
  public static <T> T withLock(Path lockFile, Body<T> body, FileAttribute<?>... attributes) throws IOException {
    Path key = lockFile.toAbsolutePath().normalize();
    ReentrantLock inJvm = IN_JVM.computeIfAbsent(key, k -> new ReentrantLock());
    inJvm.lock();
    try {
      Files.createDirectories(key.getParent());
      try (FileChannel channel = FileChannel.open(key,
              Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE), attributes);
          FileLock ignored = channel.lock()) {
        return body.run();
      }
    } finally {
      inJvm.unlock();
    }
  }
}

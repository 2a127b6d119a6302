package dev.stepwise.stack;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;

/**
 * The user's components and stacks: one JSON file in the config directory. Readers see either the
 * previous or the next complete file, because every write goes to a temp file in the same directory,
 * is fsynced and then atomically renamed over the old one. Writers take an exclusive lock on a
 * separate lock file and read-modify-write inside it, so concurrent {@code stepwise} processes lose
 * nothing.
 */
public final class StackStore {
  public static final String FILE_NAME = "stacks.json";
  static final String LOCK_NAME = FILE_NAME + ".lock";
  static final String TEMP_SUFFIX = ".tmp";

  // A FileLock is held per JVM, so threads of one JVM also queue on an in-process lock.
  private static final Map<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

  private static final ObjectMapper JSON = JsonMapper.builder()
      // a key given twice is a mistake, not "the last one wins"
      .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .build();

  private final Path configDir;

  private StackStore(Path configDir) {
    this.configDir = configDir.toAbsolutePath().normalize();
  }

  public static StackStore at(Path configDir) {
    return new StackStore(configDir);
  }

  public static StackStore of(StepwiseEnvironment environment) {
    return at(environment.configDirectory());
  }

  public Path configDir() {
    return configDir;
  }

  public Path file() {
    return configDir.resolve(FILE_NAME);
  }

  /** The current state; the built-in default stack is always present. */
  public StoreDocument read() {
    return readFile().withDefaults(configDir);
  }

  /**
   * Applies {@code change} to the current state and stores the result atomically. A
   * {@link StackException} thrown by {@code change} leaves the store untouched.
   */
  public StoreDocument update(UnaryOperator<StoreDocument> change) {
    ReentrantLock jvmLock = JVM_LOCKS.computeIfAbsent(configDir, d -> new ReentrantLock());
    jvmLock.lock();
    try {
      Files.createDirectories(configDir);
      try (FileChannel lockChannel = FileChannel.open(configDir.resolve(LOCK_NAME),
              StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock ignored = lockChannel.lock()) {
        removeStaleTempFiles();
        StoreDocument changed = change.apply(read());
        write(changed);
        return changed;
      }
    } catch (IOException e) {
      throw new StackException("Could not write the stack store " + file() + ": " + e.getMessage()
          + ". Check that " + configDir + " is writable (or set " + StepwiseEnvironment.CONFIG_DIR_VARIABLE
          + " to a writable directory).");
    } finally {
      jvmLock.unlock();
    }
  }

  private StoreDocument readFile() {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file());
    } catch (NoSuchFileException e) {
      return StoreDocument.initial(configDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file(), e);
    }
    try {
      StoreDocument document = JSON.readValue(bytes, StoreDocument.class);
      if (document.version() != StoreDocument.VERSION) {
        throw new StackException("The stack store " + file() + " has version " + document.version()
            + ", this Stepwise reads version " + StoreDocument.VERSION + ". Use a matching Stepwise, or"
            + " point " + StepwiseEnvironment.CONFIG_DIR_VARIABLE + " at another directory.");
      }
      return document;
    } catch (UnrecognizedPropertyException e) {
      throw new StackException("The stack store " + file() + " has an unknown key '" + e.getPropertyName()
          + "' at " + e.getPathReference() + " (valid keys there: " + e.getKnownPropertyIds()
          + "). Remove it from the file, or restore the file from a backup.");
    } catch (IOException | IllegalArgumentException e) {
      throw new StackException("The stack store " + file() + " is not valid: "
          + e.getMessage().lines().findFirst().orElse("")
          + ". Fix the file by hand, or move it away to start from the default stack.");
    }
  }

  private void write(StoreDocument document) throws IOException {
    Path temp = configDir.resolve(FILE_NAME + "." + UUID.randomUUID() + TEMP_SUFFIX);
    try {
      try (FileChannel channel = FileChannel.open(temp,
          StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(JSON.writeValueAsBytes(document));
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      try {
        Files.move(temp, file(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException("the file system of " + configDir + " cannot rename atomically", e);
      }
      forceDirectory();
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  // Makes the rename itself durable; not every platform can open a directory, which is fine.
  private void forceDirectory() {
    try (FileChannel dir = FileChannel.open(configDir, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // best effort
    }
  }

  // Called under the lock: any temp file left now belongs to a writer that died before renaming.
  private void removeStaleTempFiles() throws IOException {
    try (DirectoryStream<Path> temps = Files.newDirectoryStream(configDir, FILE_NAME + ".*" + TEMP_SUFFIX)) {
      for (Path temp : temps) {
        Files.deleteIfExists(temp);
      }
    }
  }
}

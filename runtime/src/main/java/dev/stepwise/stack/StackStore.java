package dev.stepwise.stack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.stepwise.support.AtomicFiles;
import dev.stepwise.support.FileLocks;
import dev.stepwise.support.JsonCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * The user's components and stacks: one JSON file in the config directory. Readers see either the
 * previous or the next complete file ({@link AtomicFiles}). Writers read-modify-write under the
 * lock on a separate lock file ({@link FileLocks}), so concurrent {@code stepwise} processes lose
 * nothing.
 */
public final class StackStore {
  public static final String FILE_NAME = "stacks.json";
  static final String LOCK_NAME = FILE_NAME + ".lock";

  private static final ObjectMapper JSON = JsonCodec.mapper();

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
    try {
      return FileLocks.withLock(configDir.resolve(LOCK_NAME), () -> {
        // any temp file left now belongs to a writer that died before renaming
        AtomicFiles.removeLeftovers(file());
        StoreDocument changed = change.apply(read());
        AtomicFiles.write(file(), JSON.writeValueAsBytes(changed));
        return changed;
      });
    } catch (IOException e) {
      throw new StackException("Could not write the stack store " + file() + ": " + e.getMessage()
          + ". Check that " + configDir + " is writable (or set " + StepwiseEnvironment.CONFIG_DIR_VARIABLE
          + " to a writable directory).");
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
}

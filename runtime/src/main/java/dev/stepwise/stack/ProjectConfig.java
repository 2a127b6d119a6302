package dev.stepwise.stack;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.stepwise.support.JsonCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A project's {@code .stepwise/config.json}, e.g. {@code {"active_stack": "spark_stack"}}, found by
 * searching upward from the working directory like git finds {@code .git}.
 */
public record ProjectConfig(@JsonProperty("active_stack") String activeStack) {
  public static final String RELATIVE_PATH = ".stepwise/config.json";

  private static final ObjectMapper JSON = JsonCodec.mapper();

  /** A project file found on disk: where, and its contents. */
  public record Found(Path file, String contents) {}

  /** The nearest project file at or above {@code workingDirectory}. */
  public static Optional<Found> search(Path workingDirectory) {
    for (Path dir = workingDirectory.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(RELATIVE_PATH);
      if (Files.isRegularFile(candidate)) {
        try {
          return Optional.of(new Found(candidate, Files.readString(candidate)));
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read " + candidate, e);
        }
      }
    }
    return Optional.empty();
  }

  /** Parses a project file; a malformed one is an error naming the file, never silently skipped. */
  public static ProjectConfig parse(Found found) {
    try {
      ProjectConfig config = JSON.readValue(found.contents(), ProjectConfig.class);
      return config == null ? new ProjectConfig(null) : config;
    } catch (UnrecognizedPropertyException e) {
      throw new StackException("The project file " + found.file() + " has an unknown key '"
          + e.getPropertyName() + "'; the only key is \"active_stack\", e.g. {\"active_stack\": \"spark_stack\"}.");
    } catch (IOException e) {
      throw new StackException("The project file " + found.file() + " is not valid JSON ("
          + e.getMessage().lines().findFirst().orElse("") + "); write it as {\"active_stack\": \"<stack name>\"}.");
    }
  }

  public Optional<String> activeStackChoice() {
    return Optional.ofNullable(activeStack).filter(s -> !s.isBlank());
  }
}

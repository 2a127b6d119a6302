package dev.stepwise.stack;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The name of the active stack and where the choice came from.
 *
 * @param projectFile the project's {@code .stepwise/config.json} when {@code source} is PROJECT
 */
public record ActiveStack(String name, ActiveStackSource source, Optional<Path> projectFile) {
  public ActiveStack {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(source, "source");
    projectFile = projectFile == null ? Optional.empty() : projectFile;
  }

  /** "the STEPWISE_ACTIVE_STACK environment variable", "the project file /p/.stepwise/config.json"... */
  public String origin() {
    return projectFile.map(file -> source.description() + " " + file).orElse(source.description());
  }
}

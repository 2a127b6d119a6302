package dev.stepwise.image;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything that decides an image's content. Two equal inputs (same file bytes) give the same
 * tag and the same digest.
 *
 * @param repository the image's repository name under the registry, e.g. {@code stepwise/word-count}
 * @param parentImage {@code scratch}, {@code tar:///path/base.tar}, or a registry reference
 * @param dependencyJars third-party jars: the rarely changing layer
 * @param projectClasses class directories or jars of the project: packed into one reproducible jar
 * @param environment container environment; kept sorted so the config blob is stable
 */
public record ImageInputs(
    String repository,
    String parentImage,
    List<Path> dependencyJars,
    List<Path> projectClasses,
    SortedMap<String, String> environment) {

  public ImageInputs {
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(parentImage, "parentImage");
    dependencyJars = List.copyOf(dependencyJars);
    projectClasses = List.copyOf(projectClasses);
    environment = Collections.unmodifiableSortedMap(new TreeMap<>(environment));
    if (!repository.matches("[a-z0-9]+(?:[._-][a-z0-9]+)*(?:/[a-z0-9]+(?:[._-][a-z0-9]+)*)*")) {
      throw new IllegalArgumentException("image repository '" + repository
          + "' is not valid; use lowercase letters, digits, '.', '_', '-' and '/' (e.g. stepwise/word-count)");
    }
    if (projectClasses.isEmpty()) {
      throw new IllegalArgumentException("an image needs the project's classes (a directory or jar); none were given");
    }
  }

  public static ImageInputs of(String repository, String parentImage, List<Path> dependencyJars,
      List<Path> projectClasses, Map<String, String> environment) {
    return new ImageInputs(repository, parentImage, dependencyJars, projectClasses, new TreeMap<>(environment));
  }
}

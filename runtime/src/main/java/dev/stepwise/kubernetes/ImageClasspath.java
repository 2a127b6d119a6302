package dev.stepwise.kubernetes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Splits a step's class path into what goes into its image: the project's classes (directories
 * and the project's own jars, which change often) and third-party jars (rarely change). Spark and
 * Scala jars are left out: the parent Spark image has its own, and two copies would conflict.
 */
record ImageClasspath(List<Path> projectClasses, List<Path> dependencyJars) {
  private static final Pattern PROVIDED_BY_SPARK_IMAGE =
      Pattern.compile("(spark-[a-z0-9-]+_2\\.13|scala-(library|reflect|compiler)|scala-parallel-collections_2\\.13)-.*\\.jar");

  ImageClasspath {
    projectClasses = List.copyOf(projectClasses);
    dependencyJars = List.copyOf(dependencyJars);
  }

  static ImageClasspath of(List<String> classpath, Path mavenRepository) {
    List<Path> project = new ArrayList<>();
    List<Path> dependencies = new ArrayList<>();
    for (String entry : classpath) {
      if (entry.isBlank()) {
        continue;
      }
      Path path = Path.of(entry).toAbsolutePath().normalize();
      if (Files.isDirectory(path)) {
        project.add(path);
      } else if (Files.isRegularFile(path) && path.getFileName().toString().endsWith(".jar")) {
        if (PROVIDED_BY_SPARK_IMAGE.matcher(path.getFileName().toString()).matches()) {
          continue;
        }
        (path.startsWith(mavenRepository) ? dependencies : project).add(path);
      }
    }
    return new ImageClasspath(project, dependencies);
  }

  static Path defaultMavenRepository() {
    return Path.of(System.getProperty("user.home"), ".m2", "repository");
  }
}

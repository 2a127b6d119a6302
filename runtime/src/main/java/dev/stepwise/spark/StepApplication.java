package dev.stepwise.spark;

import dev.stepwise.support.ClassDirectoryJar;
import dev.stepwise.support.StepwiseCacheDir;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The step's program as a Spark application: the app resource is the jar (or classes directory,
 * packed on the fly) that holds the generated entrypoint, and the rest of the runtime classpath
 * goes to {@code --jars}, minus the jars the Spark home already has.
 */
public record StepApplication(String appResource, List<String> jars) {

  public StepApplication {
    jars = List.copyOf(jars);
  }

  public static StepApplication of(String entrypointClass, List<String> classpath, Path sparkHome,
      StepwiseCacheDir cache) {
    String classFile = entrypointClass.replace('.', '/') + ".class";
    Set<String> inSparkHome = sparkHomeJarNames(sparkHome);
    String appResource = null;
    List<String> jars = new ArrayList<>();
    Set<String> shippedNames = new HashSet<>();
    for (String element : classpath) {
      if (element.isBlank()) {
        continue;
      }
      Path entry = Path.of(element).toAbsolutePath().normalize();
      boolean holdsEntrypoint = holds(entry, classFile);
      if (!holdsEntrypoint && Files.isRegularFile(entry)
          && (inSparkHome.contains(entry.getFileName().toString()) || isLoggingBackend(entry))) {
        continue;
      }
      String shipped;
      if (Files.isDirectory(entry)) {
        shipped = ClassDirectoryJar.pack(entry, cache).toString();
      } else if (Files.isRegularFile(entry) && entry.toString().endsWith(".jar")) {
        shipped = entry.toString();
      } else {
        continue; // absent entries are ignored by the JVM too
      }
      if (holdsEntrypoint && appResource == null) {
        appResource = shipped;
      } else if (shippedNames.add(Path.of(shipped).getFileName().toString())) {
        // Spark serves --jars by file name: the same jar from two directories is refused
        jars.add(shipped);
      }
    }
    if (appResource == null) {
      throw new IllegalArgumentException("no classpath entry holds the step's entrypoint " + entrypointClass
          + "; build the project (mvn package) so the processor generates it, and run with its classes on the classpath");
    }
    return new StepApplication(appResource, jars);
  }

  /**
   * SLF4J backends of the launching side (the CLI brings slf4j-simple): shipped beside Spark's own
   * log4j binding they would take over the driver's logging.
   */
  private static boolean isLoggingBackend(Path jar) {
    String name = jar.getFileName().toString();
    return LOGGING_BACKENDS.stream().anyMatch(name::startsWith);
  }

  private static final List<String> LOGGING_BACKENDS =
      List.of("slf4j-simple-", "slf4j-jdk14-", "slf4j-nop-", "slf4j-reload4j-", "logback-classic-");

  private static boolean holds(Path entry, String classFile) {
    if (Files.isDirectory(entry)) {
      return Files.isRegularFile(entry.resolve(classFile));
    }
    if (Files.isRegularFile(entry) && entry.toString().endsWith(".jar")) {
      try (JarFile jar = new JarFile(entry.toFile())) {
        return jar.getEntry(classFile) != null;
      } catch (IOException e) {
        return false;
      }
    }
    return false;
  }

  private static Set<String> sparkHomeJarNames(Path sparkHome) {
    Path jars = sparkHome.resolve("jars");
    if (!Files.isDirectory(jars)) {
      return Set.of();
    }
    try (Stream<Path> list = Files.list(jars)) {
      return list.map(p -> p.getFileName().toString()).collect(Collectors.toUnmodifiableSet());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package dev.stepwise.discovery;

import dev.stepwise.support.StepwiseException;
import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A user's class path as given to {@code --classpath}: directories and jars separated by the
 * platform's path separator, where {@code dir/*} stands for every jar in {@code dir} (as for
 * {@code java -cp}). Every command that takes a class path parses it here.
 */
public record Classpath(List<Path> entries) {
  public Classpath {
    entries = List.copyOf(entries);
  }

  /**
   * Parses {@code text}; a blank or null text is the empty class path. An entry that does not exist,
   * or a {@code dir/*} whose dir is not a directory, is a {@link StepwiseException} naming it.
   */
  public static Classpath parse(String text) {
    List<Path> entries = new ArrayList<>();
    if (text == null || text.isBlank()) {
      return new Classpath(entries);
    }
    for (String entry : text.split(File.pathSeparator)) {
      if (entry.isBlank()) {
        continue;
      }
      if (entry.equals("*") || entry.endsWith(File.separator + "*")) {
        entries.addAll(jarsIn(entry));
        continue;
      }
      Path path = Path.of(entry).toAbsolutePath().normalize();
      if (!Files.exists(path)) {
        throw new StepwiseException("The class path entry '" + entry + "' does not exist. Build the project first"
            + " (mvn package) or correct --classpath.");
      }
      entries.add(path);
    }
    return new Classpath(entries);
  }

  /** This JVM's own class path, as the JVM reports it (no wildcard expansion needed). */
  public static Classpath ofThisJvm() {
    List<Path> entries = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
      if (!entry.isBlank()) {
        entries.add(Path.of(entry).toAbsolutePath().normalize());
      }
    }
    return new Classpath(entries);
  }

  /**
   * The class path a step's own JVM gets for these user entries: this JVM's (Stepwise's runtime, on
   * which the generated entrypoint runs) followed by the user's, each once. {@code pipeline run}
   * launches with it and {@code step explain} plans with it, so the two cannot differ.
   */
  public Classpath forStepJvm() {
    java.util.LinkedHashSet<Path> all = new java.util.LinkedHashSet<>(ofThisJvm().entries());
    all.addAll(entries);
    return new Classpath(List.copyOf(all));
  }

  /** The entries as strings, for child JVMs and Spark. */
  public List<String> strings() {
    return entries.stream().map(Path::toString).toList();
  }

  public URL[] urls() {
    URL[] urls = new URL[entries.size()];
    for (int i = 0; i < urls.length; i++) {
      try {
        urls[i] = entries.get(i).toUri().toURL();
      } catch (MalformedURLException e) {
        throw new StepwiseException("The class path entry " + entries.get(i) + " is not a valid location: "
            + e.getMessage());
      }
    }
    return urls;
  }

  private static List<Path> jarsIn(String entry) {
    Path dir = Path.of(entry.substring(0, entry.length() - 1)).toAbsolutePath().normalize();
    if (!Files.isDirectory(dir)) {
      throw new StepwiseException("The class path entry '" + entry + "' names " + dir + ", which is not a directory;"
          + " 'dir/*' adds every jar in an existing directory.");
    }
    try (Stream<Path> jars = Files.list(dir)) {
      return jars.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
    } catch (IOException e) {
      throw new StepwiseException("Cannot list the jars in " + dir + " for class path entry '" + entry + "': "
          + e.getMessage());
    }
  }
}

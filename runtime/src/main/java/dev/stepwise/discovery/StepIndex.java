package dev.stepwise.discovery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.stepwise.stack.StackException;
import dev.stepwise.step.StepMetadata;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The steps on a classpath, found through the metadata resources the processor writes
 * ({@code META-INF/stepwise/steps/*.json}) in directories and jars. Reads files only: no class is
 * loaded, so listing steps never runs user code.
 */
public final class StepIndex {
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private StepIndex() {}

  /** {@code a.jar:target/classes} in the platform's path-separator syntax. */
  public static List<Path> parseClasspath(String classpath) {
    List<Path> entries = new ArrayList<>();
    for (String entry : classpath.split(File.pathSeparator)) {
      if (!entry.isBlank()) {
        entries.add(Path.of(entry));
      }
    }
    return List.copyOf(entries);
  }

  /** Every step found, sorted by declaring class and method; a missing entry is an error. */
  public static List<StepMetadata> scan(List<Path> classpath) {
    List<StepMetadata> steps = new ArrayList<>();
    for (Path entry : classpath) {
      if (Files.isDirectory(entry)) {
        scanDirectory(entry, steps);
      } else if (Files.isRegularFile(entry)) {
        scanJar(entry, steps);
      } else if (!entry.getFileName().toString().equals("*")) {
        throw new StackException("The classpath entry " + entry + " does not exist. Build the project first"
            + " (`mvn package`) or correct --classpath.");
      }
    }
    steps.sort(Comparator.comparing(StepMetadata::declaringClass).thenComparing(StepMetadata::method));
    return List.copyOf(steps);
  }

  private static void scanDirectory(Path root, List<StepMetadata> steps) {
    Path dir = root.resolve(StepMetadata.RESOURCE_DIRECTORY);
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        try (InputStream in = Files.newInputStream(file)) {
          steps.add(parse(in, file.toString()));
        }
      }
    } catch (IOException e) {
      throw new StackException("Cannot read step metadata under " + dir + ": " + e.getMessage());
    }
  }

  private static void scanJar(Path jar, List<StepMetadata> steps) {
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      Enumeration<? extends ZipEntry> entries = zip.entries();
      while (entries.hasMoreElements()) {
        ZipEntry entry = entries.nextElement();
        String name = entry.getName();
        if (!entry.isDirectory() && name.startsWith(StepMetadata.RESOURCE_DIRECTORY) && name.endsWith(".json")
            && name.indexOf('/', StepMetadata.RESOURCE_DIRECTORY.length()) < 0) {
          try (InputStream in = zip.getInputStream(entry)) {
            steps.add(parse(in, jar + "!/" + name));
          }
        }
      }
    } catch (IOException e) {
      throw new StackException("Cannot read " + jar + " as a jar: " + e.getMessage()
          + ". Give jars and class directories in --classpath.");
    }
  }

  private static StepMetadata parse(InputStream in, String where) throws IOException {
    try {
      return JSON.readValue(in, StepMetadata.class);
    } catch (IOException e) {
      throw new StackException("The step metadata " + where + " is not valid (" + e.getMessage().lines().findFirst()
          .orElse("") + "). Rebuild the project with the same Stepwise version as the CLI.");
    }
  }
}

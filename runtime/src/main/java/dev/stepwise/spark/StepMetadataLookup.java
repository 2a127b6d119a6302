package dev.stepwise.spark;

import dev.stepwise.step.StepMetadata;
import dev.stepwise.support.JsonCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Finds a step's metadata ({@code META-INF/stepwise/steps/*.json}) on a classpath, by step name or
 * by {@code Class#method}, without loading any class.
 */
public final class StepMetadataLookup {
  private StepMetadataLookup() {}

  public static StepMetadata find(String stepRef, List<String> classpath) {
    List<StepMetadata> all = all(classpath);
    List<StepMetadata> matches;
    int hash = stepRef.indexOf('#');
    if (hash > 0) {
      String cls = stepRef.substring(0, hash);
      String method = stepRef.substring(hash + 1);
      matches = all.stream().filter(m -> m.method().equals(method)
          && (m.declaringClass().equals(cls) || m.declaringClass().replace('$', '.').equals(cls))).toList();
    } else {
      matches = all.stream().filter(m -> m.name().equals(stepRef)).toList();
    }
    if (matches.size() == 1) {
      return matches.get(0);
    }
    if (matches.isEmpty()) {
      List<String> known = all.stream().map(m -> m.name() + " (" + m.declaringClass() + "#" + m.method() + ")").sorted().toList();
      throw new IllegalArgumentException("no step '" + stepRef + "' on the classpath; "
          + (known.isEmpty() ? "no step metadata found at all: build the project (mvn package) and pass --classpath"
              : "known steps: " + String.join(", ", known)));
    }
    throw new IllegalArgumentException("step name '" + stepRef + "' is ambiguous: "
        + matches.stream().map(m -> m.declaringClass() + "#" + m.method()).sorted().toList() + "; use Class#method");
  }

  public static List<StepMetadata> all(List<String> classpath) {
    List<StepMetadata> found = new ArrayList<>();
    for (String element : classpath) {
      if (element.isBlank()) {
        continue;
      }
      Path entry = Path.of(element);
      try {
        if (Files.isDirectory(entry)) {
          Path dir = entry.resolve(StepMetadata.RESOURCE_DIRECTORY);
          if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
              for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                found.add(read(Files.newInputStream(file), file.toString()));
              }
            }
          }
        } else if (Files.isRegularFile(entry) && element.endsWith(".jar")) {
          try (JarFile jar = new JarFile(entry.toFile())) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
              JarEntry e = entries.nextElement();
              if (e.getName().startsWith(StepMetadata.RESOURCE_DIRECTORY) && e.getName().endsWith(".json")) {
                found.add(read(jar.getInputStream(e), entry + "!/" + e.getName()));
              }
            }
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read step metadata from " + entry + ": " + e.getMessage(), e);
      }
    }
    return List.copyOf(found);
  }

  private static StepMetadata read(InputStream in, String where) throws IOException {
    try (in) {
      return JsonCodec.mapper().readValue(in, StepMetadata.class);
    } catch (IOException e) {
      throw new IOException("unreadable step metadata " + where + " (" + e.getMessage() + ")", e);
    }
  }
}

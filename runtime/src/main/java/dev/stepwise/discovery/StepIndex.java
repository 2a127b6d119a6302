package dev.stepwise.discovery;

import dev.stepwise.step.StepMetadata;
import dev.stepwise.support.JsonCodec;
import dev.stepwise.support.StepwiseException;
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
 * The steps on a class path, found through the metadata resources the processor writes
 * ({@code META-INF/stepwise/steps/*.json}) in directories and jars. Reads files only: no class is
 * loaded, so listing or explaining steps never runs user code.
 */
public final class StepIndex {
  private final List<StepMetadata> steps;

  private StepIndex(List<StepMetadata> steps) {
    this.steps = List.copyOf(steps);
  }

  /** Reads every step on {@code classpath}; an entry that is neither a directory nor a file is skipped. */
  public static StepIndex of(Classpath classpath) {
    List<StepMetadata> steps = new ArrayList<>();
    for (Path entry : classpath.entries()) {
      if (Files.isDirectory(entry)) {
        scanDirectory(entry, steps);
      } else if (Files.isRegularFile(entry) && entry.getFileName().toString().endsWith(".jar")) {
        scanJar(entry, steps);
      }
    }
    steps.sort(Comparator.comparing(StepMetadata::declaringClass).thenComparing(StepMetadata::method));
    return new StepIndex(steps);
  }

  /** Every step found, sorted by declaring class and method. */
  public List<StepMetadata> steps() {
    return steps;
  }

  /**
   * The one step named {@code stepRef}: a step name, or {@code Class#method} (nested classes with
   * {@code $} or {@code .}). None or several is a {@link StepwiseException} listing what there is.
   */
  public StepMetadata find(String stepRef) {
    List<StepMetadata> matches;
    int hash = stepRef.indexOf('#');
    if (hash > 0) {
      String cls = stepRef.substring(0, hash);
      String method = stepRef.substring(hash + 1);
      matches = steps.stream().filter(m -> m.method().equals(method)
          && (m.declaringClass().equals(cls) || m.declaringClass().replace('$', '.').equals(cls))).toList();
    } else {
      matches = steps.stream().filter(m -> m.name().equals(stepRef)).toList();
    }
    if (matches.size() == 1) {
      return matches.get(0);
    }
    if (matches.isEmpty()) {
      List<String> known = steps.stream().map(m -> m.name() + " (" + m.declaringClass() + "#" + m.method() + ")")
          .sorted().toList();
      throw new StepwiseException("There is no step '" + stepRef + "' on the class path; "
          + (known.isEmpty() ? "no step metadata found at all: build the project (mvn package) and pass --classpath"
              : "known steps: " + String.join(", ", known)));
    }
    throw new StepwiseException("The step name '" + stepRef + "' is ambiguous: "
        + matches.stream().map(m -> m.declaringClass() + "#" + m.method()).sorted().toList() + "; use Class#method");
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
      throw new StepwiseException("Cannot read step metadata under " + dir + ": " + e.getMessage());
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
      throw new StepwiseException("Cannot read " + jar + " as a jar: " + e.getMessage()
          + ". Give jars and class directories in --classpath.");
    }
  }

  private static StepMetadata parse(InputStream in, String where) throws IOException {
    try {
      return JsonCodec.mapper().readValue(in, StepMetadata.class);
    } catch (IOException e) {
      throw new StepwiseException("The step metadata " + where + " is not valid (" + e.getMessage().lines()
          .findFirst().orElse("") + "). Rebuild the project with the same Stepwise version as the CLI.");
    }
  }
}

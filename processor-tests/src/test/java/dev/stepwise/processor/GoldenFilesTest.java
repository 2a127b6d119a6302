package dev.stepwise.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import dev.stepwise.testing.GoldenSwitch;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Compares everything the processor generates for the representative fixture
 * {@code fixtures/com/acme/WordCount.java} with the golden files under
 * {@code src/test/resources/golden/}.
 *
 * <p>To regenerate the golden files in place after an intended change, run
 * {@code STEPWISE_REGENERATE_GOLDEN=1 mvn -B -q -pl processor-tests -am test -Dtest=GoldenFilesTest -Dsurefire.failIfNoSpecifiedTests=false}
 * and review the diff before committing.
 */
class GoldenFilesTest {

  private static final Path GOLDEN = Path.of("src", "test", "resources", "golden");
  private static final boolean UPDATE = GoldenSwitch.regenerate();

  @Test
  void generatedFilesMatchGoldenFiles() throws IOException {
    Compilation compilation = StepCompiler.compile(StepCompiler.fixture("com/acme/WordCount.java"));
    assertThat(compilation).succeededWithoutWarnings();

    Map<String, String> generated = generatedFiles(compilation);
    if (UPDATE) {
      if (Files.isDirectory(GOLDEN)) {
        try (Stream<Path> old = Files.walk(GOLDEN)) {
          old.sorted(java.util.Comparator.reverseOrder()).filter(Files::isRegularFile).forEach(p -> p.toFile().delete());
        }
      }
      for (var e : generated.entrySet()) {
        Path file = GOLDEN.resolve(e.getKey());
        Files.createDirectories(file.getParent());
        Files.writeString(file, e.getValue(), StandardCharsets.UTF_8);
      }
    }
    assertTrue(Files.isDirectory(GOLDEN), "no golden files: run with STEPWISE_REGENERATE_GOLDEN=1");
    Map<String, String> golden = new TreeMap<>();
    try (Stream<Path> files = Files.walk(GOLDEN)) {
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        golden.put(GOLDEN.relativize(p).toString().replace('\\', '/'), Files.readString(p, StandardCharsets.UTF_8));
      }
    }
    assertEquals(golden.keySet(), generated.keySet(), "set of generated files");
    for (String name : golden.keySet()) {
      assertEquals(golden.get(name), generated.get(name), name + " differs from its golden file");
    }
  }

  /** Generated sources and resources, keyed {@code sources/<path>} and {@code resources/<path>}. */
  static Map<String, String> generatedFiles(Compilation compilation) throws IOException {
    Map<String, String> files = new TreeMap<>();
    for (JavaFileObject file : compilation.generatedFiles()) {
      String uri = file.toUri().getPath();
      String key;
      if (uri.contains("/SOURCE_OUTPUT/")) {
        key = "sources/" + uri.substring(uri.indexOf("/SOURCE_OUTPUT/") + "/SOURCE_OUTPUT/".length());
      } else if (uri.contains("/CLASS_OUTPUT/") && !uri.endsWith(".class")) {
        key = "resources/" + uri.substring(uri.indexOf("/CLASS_OUTPUT/") + "/CLASS_OUTPUT/".length());
      } else {
        continue;
      }
      try (InputStream in = file.openInputStream()) {
        files.put(key, new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    return files;
  }
}

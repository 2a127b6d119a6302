package dev.stepwise.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.TreeMap;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Same sources, same bytes: generated sources, resources and their class files. */
class ReproducibilityTest {

  @Test
  void compilingTwiceGivesIdenticalBytes() throws IOException {
    Map<String, String> first = everything(StepCompiler.compile(StepCompiler.fixture("com/acme/WordCount.java")));
    Map<String, String> second = everything(StepCompiler.compile(StepCompiler.fixture("com/acme/WordCount.java")));
    assertFalse(first.isEmpty());
    assertEquals(first.keySet(), second.keySet());
    first.forEach((name, bytes) -> assertEquals(bytes, second.get(name), name));
  }

  private static Map<String, String> everything(Compilation compilation) throws IOException {
    assertThat(compilation).succeeded();
    Map<String, String> files = new TreeMap<>();
    for (JavaFileObject file : compilation.generatedFiles()) {
      try (InputStream in = file.openInputStream()) {
        files.put(file.toUri().toString(), java.util.HexFormat.of().formatHex(in.readAllBytes()));
      }
    }
    return files;
  }
}

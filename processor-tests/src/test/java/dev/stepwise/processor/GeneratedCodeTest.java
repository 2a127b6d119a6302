package dev.stepwise.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.testing.compile.Compilation;
import dev.stepwise.step.StepInputs;
import dev.stepwise.step.StepMetadata;
import dev.stepwise.step.StepParameter;
import dev.stepwise.step.StepProgram;
import dev.stepwise.step.StepSignature;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Loads what the processor generated for the fixture and uses it as the runtime would: the
 * metadata through the runtime's {@link StepMetadata} schema, the entrypoints as {@link StepProgram}s.
 */
class GeneratedCodeTest {

  private static Compilation compilation;
  private static ClassLoader loader;

  @BeforeAll
  static void compileFixture() {
    compilation = StepCompiler.compile(StepCompiler.fixture("com/acme/WordCount.java"));
    assertThat(compilation).succeeded();
    loader = new CompiledClassLoader(compilation);
  }

  @Test
  void metadataIsReadByTheRuntimeSchema() throws IOException {
    StepMetadata meta = metadata("com.acme.WordCount$Analysis", "countWords");
    assertEquals(new StepMetadata(
        "count_words", "com.acme.WordCount$Analysis", "countWords",
        "com.acme.WordCount_Analysis_CountWordsStepEntrypoint", "com.acme.WordCount_AnalysisSteps",
        "spark_step_operator", 2,
        new StepMetadata.Resources(2.0, 0, "4GiB"),
        new StepMetadata.Spark("client", List.of("spark.executor.instances=2", "spark.app.note=say \"hi\"\\now"), 0, "", 0,
            "registry.example.com:5000/spark/base:4.1.0@sha256:0123456789abcdef0123456789abcdef"),
        List.of(new StepMetadata.Parameter("spark", "org.apache.spark.sql.SparkSession", true),
            new StepMetadata.Parameter("document", "com.acme.WordCount.Document", false)),
        "java.lang.Long", true), meta);

    StepMetadata report = metadata("com.acme.WordCount$Analysis", "report");
    assertEquals("void", report.outputType());
    assertFalse(report.cacheable(), "@Step(cache = false) reaches the runtime");
    assertTrue(meta.cacheable(), "caching is on by default");
    assertEquals(0, report.retries(), "no retries unless @Step(retries) says so");
    assertTrue(report.resourceSettings().isEmpty() && report.sparkSettings().isEmpty());
    assertEquals(List.of("java.lang.Long", "java.util.List<java.lang.String>", "java.util.Map<java.lang.String, java.lang.Long>"),
        report.parameters().stream().map(StepMetadata.Parameter::type).toList());
  }

  @Test
  void signatureCarriesNamesAndFullGenericTypes() throws Exception {
    StepSignature signature = program("com.acme.WordCount_Analysis_ReportStepEntrypoint").signature();
    assertEquals("report", signature.stepName());
    assertEquals("com.acme.WordCount$Analysis", signature.declaringClass());
    assertEquals(Optional.empty(), signature.outputType());
    assertEquals(List.of("words", "tags", "counts"), signature.inputs().stream().map(StepParameter::name).toList());
    assertEquals(new TypeReference<Map<String, Long>>() {}.getType(), signature.inputs().get(2).type());
    assertEquals(new TypeReference<List<String>>() {}.getType(), signature.inputs().get(1).type());
    // non-generic types come as class literals: the same Type a TypeReference would have captured
    assertEquals(new TypeReference<Long>() {}.getType(), signature.inputs().get(0).type());
    assertEquals("META-INF/stepwise/steps/com.acme.WordCount$Analysis.report.json", signature.metadataResource());

    StepSignature count = program("com.acme.WordCount_Analysis_CountWordsStepEntrypoint").signature();
    assertTrue(count.needsSparkSession());
    assertEquals(List.of("spark", "document"), count.parameters().stream().map(StepParameter::name).toList());
    assertEquals(Optional.of((Type) Long.class), count.outputType());
  }

  @Test
  void invokeCallsTheMethodWithPrimitivesUnboxed() throws Exception {
    Object result = program("com.acme.WordCount_MixStepEntrypoint")
        .invoke(inputs(Map.of("a", 1, "b", 2L, "c", "abc", "d", true)));
    assertEquals(7.0, result);
    assertEquals(42, program("com.acme.WordCount_SeedStepEntrypoint").invoke(inputs(Map.of())));
    assertNull(program("com.acme.WordCount_Analysis_ReportStepEntrypoint")
        .invoke(inputs(Map.of("words", 1L, "tags", List.of(), "counts", Map.of()))));
  }

  @Test
  void instanceStepIsCalledOnANewInstanceWithTheRecordInput() throws Exception {
    Class<?> document = loader.loadClass("com.acme.WordCount$Document");
    Object doc = document.getConstructor(String.class, String.class).newInstance("t", "one two  three");
    Map<String, Object> values = new HashMap<>();
    values.put("document", doc);
    assertEquals(3L, program("com.acme.WordCount_Analysis_CountWordsStepEntrypoint").invoke(inputs(values)));
  }

  private static StepProgram program(String className) throws Exception {
    return (StepProgram) loader.loadClass(className).getConstructor().newInstance();
  }

  private static StepMetadata metadata(String binaryClass, String method) throws IOException {
    JavaFileObject file = compilation.generatedFile(StandardLocation.CLASS_OUTPUT,
        StepMetadata.resourcePath(binaryClass, method)).orElseThrow();
    try (InputStream in = file.openInputStream()) {
      return new ObjectMapper().readValue(in, StepMetadata.class);
    }
  }

  /** Inputs already loaded; the session is never needed by these calls (countWords ignores it). */
  static StepInputs inputs(Map<String, ?> values) {
    return new StepInputs() {
      @Override
      @SuppressWarnings("unchecked")
      public <T> T value(String name) {
        if (!values.containsKey(name)) {
          throw new IllegalArgumentException("no input " + name);
        }
        return (T) values.get(name);
      }

      @Override
      public SparkSession sparkSession() {
        return null;
      }
    };
  }

  /** Defines the classes of a compile-testing compilation, parent-first for everything else. */
  static final class CompiledClassLoader extends ClassLoader {
    private final Compilation compilation;

    CompiledClassLoader(Compilation compilation) {
      super(GeneratedCodeTest.class.getClassLoader());
      this.compilation = compilation;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      String path = name.replace('.', '/') + ".class";
      Optional<JavaFileObject> file = compilation.generatedFile(StandardLocation.CLASS_OUTPUT, path);
      if (file.isEmpty()) {
        throw new ClassNotFoundException(name);
      }
      try (InputStream in = file.get().openInputStream()) {
        byte[] bytes = in.readAllBytes();
        return defineClass(name, bytes, 0, bytes.length);
      } catch (IOException e) {
        throw new ClassNotFoundException(name, e);
      }
    }
  }
}

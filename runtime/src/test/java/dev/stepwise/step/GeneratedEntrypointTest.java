package dev.stepwise.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** The superclass of generated entrypoints, used the way generated code uses it. */
class GeneratedEntrypointTest {

  /** Shaped like a generated entrypoint of {@code static Map<String, List<Long>> group(long n, SparkSession s, List<String> words)}. */
  static final class Group extends GeneratedEntrypoint {
    final List<Object[]> calls = new ArrayList<>();

    Group() {
      super("group", "com.acme.Outer$Inner", "group", type(Map.class, String.class, type(List.class, Long.class)),
          "n,spark,words", Long.class, SparkSession.class, type(List.class, String.class));
    }

    @Override
    protected Object call(Object[] in) {
      calls.add(in);
      return Map.of("n", List.of((long) in[0]));
    }
  }

  /** Shaped like the entrypoint of {@code static void log()}. */
  static final class Log extends GeneratedEntrypoint {
    Log() {
      super("log", "com.acme.Outer", "log", void.class, "");
    }

    @Override
    protected Object call(Object[] in) {
      return null;
    }
  }

  @Test
  void signatureHasTheNamesTypesAndTheInjectedSession() {
    StepSignature signature = new Group().signature();
    assertEquals("group", signature.stepName());
    assertEquals("com.acme.Outer$Inner", signature.declaringClass());
    assertEquals("META-INF/stepwise/steps/com.acme.Outer$Inner.group.json", signature.metadataResource());
    assertEquals(List.of("n", "spark", "words"), signature.parameters().stream().map(StepParameter::name).toList());
    assertEquals(List.of("n", "words"), signature.inputs().stream().map(StepParameter::name).toList());
    assertTrue(signature.needsSparkSession());
    assertEquals(Long.class, signature.parameters().get(0).type());

    StepSignature log = new Log().signature();
    assertEquals(Optional.empty(), log.outputType(), "void.class means no output");
    assertEquals(List.of(), log.parameters());
    assertFalse(log.needsSparkSession());
  }

  @Test
  void parameterizedTypesAreEqualToAndPrintedLikeTheJdksOwn() {
    Type jdk = new TypeReference<Map<String, List<Long>>>() {}.getType();
    Type ours = new Group().signature().outputType().orElseThrow();
    assertEquals(jdk, ours);
    assertEquals(ours, jdk);
    assertEquals(jdk.hashCode(), ours.hashCode());
    assertEquals(jdk.getTypeName(), ours.getTypeName());
    assertEquals("java.util.Map<java.lang.String, java.util.List<java.lang.Long>>", ours.getTypeName());
    assertEquals(new TypeReference<List<String>>() {}.getType(), new Group().signature().inputs().get(1).type());
    // what materializers do with it: Jackson reads the same type from both
    ObjectMapper json = new ObjectMapper();
    assertEquals(json.getTypeFactory().constructType(jdk), json.getTypeFactory().constructType(ours));
  }

  @Test
  void invokeReadsTheArgumentsInParameterOrderWithTheSessionInPlace() throws Exception {
    Group group = new Group();
    Object result = group.invoke(new StepInputs() {
      @Override
      @SuppressWarnings("unchecked")
      public <T> T value(String name) {
        return (T) Map.of("n", 3L, "words", List.of("a")).get(name);
      }

      @Override
      public SparkSession sparkSession() {
        return null; // a placeholder: the position is what is checked
      }
    });
    assertEquals(Map.of("n", List.of(3L)), result);
    assertEquals(1, group.calls.size());
    assertEquals(List.of(3L, "placeholder", List.of("a")),
        java.util.Arrays.stream(group.calls.get(0)).map(v -> v == null ? "placeholder" : v).toList());
    assertNull(new Log().invoke(null));
  }

  @Test
  void mismatchedNamesAndTypesAreRejected() {
    class Broken extends GeneratedEntrypoint {
      Broken() {
        super("broken", "com.acme.Outer", "broken", void.class, "a,b", String.class);
      }

      @Override
      protected Object call(Object[] in) {
        return null;
      }
    }
    assertThrows(IllegalArgumentException.class, Broken::new);
    assertThrows(IllegalArgumentException.class, () -> GeneratedEntrypoint.type(Map.class, String.class));
  }
}

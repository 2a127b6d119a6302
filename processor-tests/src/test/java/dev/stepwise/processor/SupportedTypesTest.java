package dev.stepwise.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static dev.stepwise.processor.StepCompiler.compile;
import static dev.stepwise.processor.StepCompiler.source;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import org.junit.jupiter.api.Test;

/** Every type the materializers support is accepted and generates code that compiles cleanly. */
class SupportedTypesTest {

  @Test
  void supportedParameterAndReturnTypesCompile() {
    Compilation c = compile(source("Types", """
        import com.fasterxml.jackson.annotation.JsonCreator;
        import com.fasterxml.jackson.annotation.JsonProperty;
        import dev.stepwise.annotations.Step;
        import java.util.*;
        import org.apache.spark.sql.Dataset;
        import org.apache.spark.sql.Row;
        import org.apache.spark.sql.SparkSession;

        public class Types {
          public enum Color { RED, GREEN }
          public record Point(int x, int y) {}
          public static class Bean { public Bean() {} public String name; }
          public static class Created {
            @JsonCreator public Created(@JsonProperty("v") long v) {}
          }
          public static class Box<T> { public Box() {} public T value; }

          @Step public static byte[] bytes(byte[] in, char c, Character boxed) { return in; }
          @Step public static Color color(Color in, Point p, Bean b, Created c) { return in; }
          @Step public static Map<Color, List<Long>> nested(Set<Color> colors, Map<String, Set<Point>> m,
              Map<Integer, Box<String>> boxes, List<List<Double>> grid) { return Map.of(); }
          @Step public static Dataset<Row> frame(SparkSession spark, Dataset<Row> rows, float f, short s) {
            return rows;
          }
          @Step public static Boolean flag(boolean b, Byte by) { return b; }
        }
        """));
    assertThat(c).succeededWithoutWarnings();
    assertThat(c).generatedSourceFile("com.acme.Types_FrameStepEntrypoint");
  }

  @Test
  void generatedCodeIsWarningFreeUnderAllLintsEvenForDeprecatedSteps() {
    Compilation c = javac()
        .withProcessors(new StepProcessor())
        .withOptions("-Xlint:all,-processing", "-Werror") // -processing: javac flags the unclaimed @Generated
        .compile(StepCompiler.fixture("com/acme/WordCount.java"), source("Old", """
            import dev.stepwise.annotations.Step;

            public class Old {
              /** @deprecated use something newer */
              @Deprecated
              @Step public static String legacy(String in) { return in; }
            }
            """));
    assertThat(c).succeededWithoutWarnings();
    assertThat(c).generatedSourceFile("com.acme.Old_LegacyStepEntrypoint")
        .contentsAsUtf8String().contains("@SuppressWarnings(\"deprecation\")");
  }

  @Test
  void mlWritableTypesAreSupported() {
    // spark-mllib is not on the processor's test classpath: stand-ins with the real names
    Compilation c = compile(
        JavaFileObjects.forSourceString("org.apache.spark.ml.util.MLWritable", """
            package org.apache.spark.ml.util;
            public interface MLWritable { void save(String path); }
            """),
        JavaFileObjects.forSourceString("org.apache.spark.ml.PipelineModel", """
            package org.apache.spark.ml;
            public class PipelineModel implements org.apache.spark.ml.util.MLWritable {
              public void save(String path) {}
            }
            """),
        source("Models", """
            import dev.stepwise.annotations.Step;
            import org.apache.spark.ml.PipelineModel;
            import org.apache.spark.sql.*;

            public class Models {
              @Step public static PipelineModel train(SparkSession spark, Dataset<Row> rows) { return null; }
              @Step public static Dataset<Row> score(SparkSession spark, PipelineModel model) { return null; }
            }
            """));
    assertThat(c).succeededWithoutWarnings();
    assertThat(c).generatedSourceFile("com.acme.Models_TrainStepEntrypoint");
  }
}

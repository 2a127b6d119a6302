package dev.stepwise.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.stepwise.processor.StepCompiler.compile;
import static dev.stepwise.processor.StepCompiler.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One negative test per validation rule: the tag, the fix in the message, and the line. */
class ValidationTest {

  private static final String IMPORTS = """
      import dev.stepwise.annotations.*;
      import java.util.*;
      import org.apache.spark.sql.*;

      """;

  /** Compiles {@code com.acme.Bad} with the given body and expects exactly the processor errors tagged. */
  private static Compilation bad(String body) {
    return compile(source("Bad", IMPORTS + body));
  }

  private static void assertError(Compilation c, JavaFileObject file, String tag, String fix, String line) {
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[" + tag + "]").inFile(file).onLineContaining(line);
    assertThat(c).hadErrorContaining(fix);
  }

  private static void assertBad(String body, String tag, String fix, String line) {
    JavaFileObject file = source("Bad", IMPORTS + body);
    assertError(compile(file), file, tag, fix, line);
  }

  @Test
  void methodNotPublic() {
    assertBad("""
        public class Bad {
          @Step
          static void hidden() {}
        }
        """, "StepwiseNotPublic", "Make it public", "static void hidden()");
  }

  @Test
  void instanceMethodWithoutPublicNoArgConstructor() {
    assertBad("""
        public class Bad {
          public Bad(int x) {}
          @Step
          public void run() {}
        }
        """, "StepwiseNoConstructor", "public no-argument constructor", "public void run()");
  }

  @Test
  void instanceMethodOfAbstractClass() {
    assertBad("""
        public abstract class Bad {
          @Step
          public void run() {}
        }
        """, "StepwiseNoConstructor", "Make the method static", "public void run()");
  }

  @Test
  void classNotPublic() {
    assertBad("""
        class Bad {
          @Step
          public static void run() {}
        }
        """, "StepwiseClassNotPublic", "Make Bad public", "class Bad");
  }

  @Test
  void nestedClassNotPublic() {
    assertBad("""
        public class Bad {
          static class Hidden {
            @Step
            public static void run() {}
          }
        }
        """, "StepwiseClassNotPublic", "Make Hidden public", "static class Hidden");
  }

  @Test
  void innerClass() {
    assertBad("""
        public class Bad {
          public class Inner {
            @Step
            public static void run() {}
          }
        }
        """, "StepwiseInnerClass", "Declare Inner static", "public class Inner");
  }

  @Test
  void genericMethod() {
    assertBad("""
        public class Bad {
          @Step
          public static <T> String run(String s) { return s; }
        }
        """, "StepwiseGenericMethod", "Remove the type parameters", "public static <T> String run");
  }

  @Test
  void twoStepMethodsWithOneName() {
    JavaFileObject file = source("Bad", IMPORTS + """
        public class Bad {
          @Step
          public static void run(String a) {}
          @Step
          public static void run(long b) {}
        }
        """);
    Compilation c = compile(file);
    assertError(c, file, "StepwiseDuplicateMethod", "Rename one of them", "run(long b)");
  }

  @Test
  void twoStepsWithOneStepNameInACompilation() {
    JavaFileObject first = source("First", IMPORTS + """
        public class First {
          @Step(name = "load")
          public static String load() { return ""; }
        }
        """);
    JavaFileObject second = source("Second", IMPORTS + """
        public class Second {
          @Step(
              name = "load")
          public static String read() { return ""; }
        }
        """);
    Compilation c = compile(first, second);
    assertError(c, second, "StepwiseDuplicateStepName", "@Step(name = \"...\")", "name = \"load\"");
  }

  @Test
  void invalidStepName() {
    assertBad("""
        public class Bad {
          @Step(
              name = "count words")
          public static void run() {}
        }
        """, "StepwiseStepName", "e.g. \"count_words\"", "name = \"count words\"");
  }

  @Test
  void invalidStepOperator() {
    assertBad("""
        public class Bad {
          @Step(
              stepOperator = "spark operator!")
          public static void run() {}
        }
        """, "StepwiseStepOperator", "\"@active\"", "stepOperator = \"spark operator!\"");
  }

  @Test
  void negativeRetries() {
    assertBad("""
        public class Bad {
          @Step(
              retries = -1)
          public static void run() {}
        }
        """, "StepwiseRetries", "retries -1 is negative: use the number of extra attempts", "retries = -1");
  }

  @Test
  void memoryFormat() {
    assertBad("""
        public class Bad {
          @Step
          @ResourceSettings(
              cpuCount = 1,
              memory = "4G")
          public static void run() {}
        }
        """, "StepwiseMemory",
        "^[0-9]+(KB|KiB|MB|MiB|GB|GiB|TB|TiB|PB|PiB)$, e.g. \"4GiB\"", "memory = \"4G\"");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"-1", "Double.NaN", "Double.POSITIVE_INFINITY", "1.0 / 0"})
  void cpuCountNotFiniteNonNegative(String value) {
    assertBad("""
        public class Bad {
          @Step
          @ResourceSettings(
              cpuCount = %s)
          public static void run() {}
        }
        """.formatted(value), "StepwiseCpuCount", "finite number of cores >= 0", "cpuCount = " + value);
  }

  @Test
  void gpuCountNegative() {
    assertBad("""
        public class Bad {
          @Step
          @ResourceSettings(
              gpuCount = -2)
          public static void run() {}
        }
        """, "StepwiseGpuCount", ">= 0", "gpuCount = -2");
  }

  @Test
  void deployMode() {
    assertBad("""
        public class Bad {
          @Step(stepOperator = "spark")
          @SparkStepOperatorSettings(
              deployMode = "local")
          public static void run() {}
        }
        """, "StepwiseDeployMode", "use \"client\", \"cluster\"", "deployMode = \"local\"");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"executor.instances=2", "spark..x=1", "spark.x", "spark.=1", "spark.a b=1"})
  void submitArgsEntry(String entry) {
    assertBad("""
        public class Bad {
          @Step(stepOperator = "spark")
          @SparkStepOperatorSettings(submitArgs = {
              "spark.executor.instances=2",
              "%s",
              "spark.app.name=x"})
          public static void run() {}
        }
        """.formatted(entry), "StepwiseSubmitArgs", "e.g. \"spark.executor.instances=2\"", "\"" + entry + "\"");
  }

  @Test
  void driverMemory() {
    assertBad("""
        public class Bad {
          @Step(stepOperator = "spark")
          @SparkStepOperatorSettings(
              driverMemory = "2 GB")
          public static void run() {}
        }
        """, "StepwiseDriverMemory", "e.g. \"512m\"", "driverMemory = \"2 GB\"");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"Apache/Spark:4.1.0", "apache/spark 4.1.0", "https://registry/spark",
      "apache/spark:", "apache//spark", "spark@sha256:abc", "tar://relative/base.tar", ":4.1.0"})
  void parentImage(String reference) {
    assertBad("""
        public class Bad {
          @Step(stepOperator = "spark")
          @SparkStepOperatorSettings(deployMode = "cluster",
              parentImage = "%s")
          public static void run() {}
        }
        """.formatted(reference), "StepwiseParentImage", "e.g. \"apache/spark:4.2.0-scala2.13-java17-ubuntu\"",
        "parentImage = \"" + reference + "\"");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"apache/spark:4.2.0-scala2.13-java17-ubuntu", "scratch", "tar:///opt/base.tar",
      "localhost:5000/team/spark", "127.0.0.1:5000/spark_base__x:v1.2-rc",
      "ghcr.io/acme/spark@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"})
  void parentImageAccepted(String reference) {
    Compilation c = compile(source("Good", IMPORTS + """
        public class Good {
          @Step(stepOperator = "spark")
          @SparkStepOperatorSettings(parentImage = "%s")
          public static void run() {}
        }
        """.formatted(reference)));
    assertThat(c).succeededWithoutWarnings();
  }

  @ParameterizedTest
  @CsvSource({"driverCores", "executorInstances"})
  void sparkCountsNegative(String attribute) {
    assertBad("""
        public class Bad {
          @Step(stepOperator = "spark")
          @SparkStepOperatorSettings(
              %s = -1)
          public static void run() {}
        }
        """.formatted(attribute), "StepwiseSparkCount", ">= 0", attribute + " = -1");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Object x                     | Object does not say what to store",
      "List x                       | raw List has no element type",
      "Map<String, ?> x             | is a wildcard",
      "Map<Object, String> x        | Map key java.lang.Object is not a String",
      "Runnable x                   | java.lang.Runnable is an interface",
      "Number x                     | java.lang.Number is abstract",
      "int[] x                      | arrays other than byte[]",
      "java.time.Instant x          | no public no-argument constructor and no @JsonCreator",
      "Dataset<String> x            | only Dataset<Row> is supported",
      "List<Dataset<Row>> x         | only supported as a step's own parameter",
      "Optional<String> x           | no public no-argument constructor",
      "Hidden x                     | not a public top-level or public static nested class",
  })
  void unsupportedParameterType(String parameter, String problem) {
    assertBad("""
        public class Bad {
          static class Hidden {}
          @Step
          public static void run(SparkSession spark,
              %s) {}
        }
        """.formatted(parameter), "StepwiseUnsupportedType", problem, parameter);
    assertThat(bad("""
        public class Bad {
          static class Hidden {}
          @Step
          public static void run(SparkSession spark,
              %s) {}
        }
        """.formatted(parameter))).hadErrorContaining("Use one of the supported types: primitives");
  }

  @Test
  void typeVariableOfClass() {
    assertBad("""
        public class Bad<T> {
          @Step
          public void run(
              List<String> ok,
              Set<T> x) {}
        }
        """, "StepwiseUnsupportedType", "T is a type variable", "Set<T> x");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "SparkSession | a SparkSession cannot be stored",
      "Object       | Object does not say what to store",
  })
  void unsupportedReturnType(String type, String problem) {
    assertBad("""
        public class Bad {
          @Step
          public static %s run() { return null; }
        }
        """.formatted(type), "StepwiseUnsupportedType", problem, "public static " + type + " run()");
  }

  @Test
  void twoSparkSessions() {
    assertBad("""
        public class Bad {
          @Step
          public static void run(SparkSession first,
              SparkSession second) {}
        }
        """, "StepwiseSparkSession", "Keep a single SparkSession parameter", "SparkSession second");
  }

  @Test
  void datasetWithoutSparkSession() {
    assertBad("""
        public class Bad {
          @Step
          public static long run(
              Dataset<Row> rows) { return 0; }
        }
        """, "StepwiseDatasetWithoutSession", "Add a SparkSession parameter", "Dataset<Row> rows");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "@ResourceSettings(cpuCount = 1)          | @ResourceSettings",
      "@SparkStepOperatorSettings(driverCores = 1) | @SparkStepOperatorSettings",
  })
  void settingsWithoutStep(String annotation, String name) {
    assertBad("""
        public class Bad {
          %s
          public static void run() {}
        }
        """.formatted(annotation), "StepwiseSettingsWithoutStep", "Add @Step to the method", annotation);
  }

  @Test
  void unresolvedTypeReportedAtTheEnd() {
    JavaFileObject file = source("Bad", IMPORTS + """
        public class Bad {
          @Step
          public static void run(
              NoSuchType x) {}
        }
        """);
    Compilation c = compile(file);
    assertError(c, file, "StepwiseUnresolvedType", "make sure it is generated", "NoSuchType x");
  }

  @Test
  void errorsInOneStepDoNotStopTheOthers(@TempDir Path dir) throws IOException {
    String text = "package com.acme;\n" + IMPORTS + """
        public class Mixed {
          @Step
          static void hidden() {}
          @Step
          @ResourceSettings(
              memory = "lots")
          public static void greedy() {}
          @Step
          public static String fine(String s) { return s; }
        }
        """;
    JavaFileObject file = JavaFileObjects.forSourceString("com.acme.Mixed", text);
    Compilation c = compile(file);
    assertThat(c).hadErrorContaining("[StepwiseNotPublic]").inFile(file).onLineContaining("static void hidden()");
    assertThat(c).hadErrorContaining("[StepwiseMemory]").inFile(file).onLineContaining("memory = \"lots\"");

    // compile-testing hides the files of a failed compilation: look at what javac's Filer wrote
    Path src = Files.createDirectories(dir.resolve("src/com/acme"));
    Files.writeString(src.resolve("Mixed.java"), text);
    Path generated = Files.createDirectories(dir.resolve("generated"));
    Path classes = Files.createDirectories(dir.resolve("classes"));
    int exit = ToolProvider.getSystemJavaCompiler().run(null, null, new ByteArrayOutputStream(),
        "-proc:only", "-processor", StepProcessor.class.getName(),
        "-cp", System.getProperty("java.class.path"),
        "-s", generated.toString(), "-d", classes.toString(), src.resolve("Mixed.java").toString());
    assertTrue(exit != 0);
    try (Stream<Path> files = Files.walk(dir.resolve("generated"))) {
      assertEquals(List.of("MixedSteps.java", "Mixed_FineStepEntrypoint.java"),
          files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).sorted().toList());
    }
    try (Stream<Path> files = Files.walk(classes)) {
      assertEquals(List.of("com.acme.Mixed.fine.json"),
          files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).toList());
    }
  }

  @Test
  void severalProblemsOnOneMethodAreEachReported() {
    Compilation c = bad("""
        public class Bad {
          @Step
          static <T> void run() {}
        }
        """);
    List<String> tags = c.errors().stream().map(d -> d.getMessage(null))
        .filter(m -> m.startsWith("[Stepwise")).map(m -> m.substring(0, m.indexOf(']') + 1)).sorted().toList();
    assertEquals(List.of("[StepwiseGenericMethod]", "[StepwiseNotPublic]"), tags);
  }

  @Test
  void sparkSettingsWithoutStepOperatorWarn() {
    JavaFileObject file = source("Warn", IMPORTS + """
        public class Warn {
          @Step
          @SparkStepOperatorSettings(driverCores = 2)
          public static void run() {}
        }
        """);
    Compilation c = compile(file);
    assertThat(c).succeeded();
    assertThat(c).hadWarningContaining("[StepwiseSparkSettingsIgnored]").inFile(file)
        .onLineContaining("@SparkStepOperatorSettings(driverCores = 2)");
    assertThat(c).hadWarningContaining("Set @Step(stepOperator = ...)");
    assertThat(c).generatedSourceFile("com.acme.Warn_RunStepEntrypoint");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "cpuCount = 2      | spark.executor.cores=4",
      "memory = \"4GiB\" | spark.executor.memory=8g",
      "gpuCount = 1      | spark.executor.resource.gpu.amount=2",
      "gpuCount = 1      | spark.task.resource.gpu.amount=1",
  })
  void submitArgOverridingAResourceSettingWarns(String resource, String entry) {
    JavaFileObject file = source("Warn", IMPORTS + """
        public class Warn {
          @Step(stepOperator = "spark")
          @ResourceSettings(%s)
          @SparkStepOperatorSettings(submitArgs = {
              "spark.executor.instances=2",
              "%s"})
          public static void run() {}
        }
        """.formatted(resource, entry));
    Compilation c = compile(file);
    assertThat(c).succeeded();
    assertThat(c).hadWarningContaining("[StepwiseSubmitArgOverride]").inFile(file).onLineContaining(entry);
    assertEquals(1, c.warnings().stream().filter(w -> w.getKind() == Diagnostic.Kind.WARNING
        && w.getMessage(null).contains("[Stepwise")).count());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "spark.hadoop.fs.s3a.secret.key=AKIA-literal-value",
      "spark.probe.token=hunter2",
      "spark.ssl.keyPassword=changeit",
      "spark.hadoop.fs.s3a.access.key=AKIAEXAMPLE",
  })
  void aLiteralSecretInSubmitArgsWarnsWithoutShowingIt(String entry) {
    JavaFileObject file = source("Leaky", IMPORTS + """
        public class Leaky {
          @Step(stepOperator = "spark")
          @SparkStepOperatorSettings(submitArgs = {"spark.executor.instances=2", "%s"})
          public static void run() {}
        }
        """.formatted(entry));
    Compilation c = compile(file);
    assertThat(c).succeeded();
    assertThat(c).hadWarningContaining("[StepwiseSecretLiteral]").inFile(file).onLineContaining(entry);
    assertThat(c).hadWarningContaining("stepwise secret create");
    String literal = entry.substring(entry.indexOf('=') + 1);
    assertTrue(c.warnings().stream().noneMatch(w -> w.getMessage(null).contains(literal)), "the warning repeats the value");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "spark.hadoop.fs.s3a.secret.key={{minio.aws_secret_access_key}}",
      "spark.probe.token={{ probe_secret.token }}",
      "spark.executor.instances=2",
  })
  void aSecretReferenceOrAnOrdinaryKeyDoesNotWarn(String entry) {
    Compilation c = compile(source("Fine", IMPORTS + """
        public class Fine {
          @Step(stepOperator = "spark")
          @SparkStepOperatorSettings(submitArgs = {"%s"})
          public static void run() {}
        }
        """.formatted(entry)));
    assertThat(c).succeededWithoutWarnings();
  }

  @Test
  void submitArgForAnUnsetResourceDoesNotWarn() {
    Compilation c = compile(source("Fine", IMPORTS + """
        public class Fine {
          @Step(stepOperator = "spark")
          @ResourceSettings(cpuCount = 2)
          @SparkStepOperatorSettings(submitArgs = {"spark.executor.memory=8g"})
          public static void run() {}
        }
        """));
    assertThat(c).succeededWithoutWarnings();
  }
}

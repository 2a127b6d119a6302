package dev.stepwise.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import dev.stepwise.image.ImageBuilder;
import dev.stepwise.spark.SparkMemory;
import dev.stepwise.spark.SparkStepOperatorConfig;
import dev.stepwise.spark.SparkStepRequest;
import dev.stepwise.spark.SparkSubmissionPlanner;
import dev.stepwise.step.StepMetadata;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The rules the processor checks at compile time and the runtime applies at launch, fed the same
 * values on both sides: the processor through real javac, the runtime through its own parsers. A
 * value one side accepts and the other refuses would pass {@code javac} and fail at launch (or
 * the reverse), so each row states the intended answer and both sides must give it.
 */
class SharedRulesTest {

  private static final String IMPORTS = """
      import dev.stepwise.annotations.ResourceSettings;
      import dev.stepwise.annotations.SparkStepOperatorSettings;
      import dev.stepwise.annotations.Step;

      """;

  @ParameterizedTest(name = "memory \"{0}\" accepted: {1}")
  @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, value = {
      "4GiB|true", "512MiB|true", "4GB|true", "1KB|true", "1024PiB|true", "007MiB|true",
      "0GiB|false", "0KB|false", "4gib|false", "4G|false", "4g|false", "4 GiB|false", " 4GiB|false",
      "4GiB |false", "-1GiB|false", "4.5GiB|false", "GiB|false", "4|false", "4EiB|false"})
  void resourceMemory(String memory, boolean accepted) {
    boolean processor = compiles("@ResourceSettings(memory = \"" + memory + "\")");
    boolean runtime = accepts(() -> SparkMemory.fromResourceSize(memory));
    assertEquals(accepted, processor, "processor on @ResourceSettings(memory = \"" + memory + "\")");
    assertEquals(accepted, runtime, "runtime SparkMemory.fromResourceSize(\"" + memory + "\")");
  }

  @ParameterizedTest(name = "driverMemory \"{0}\" accepted: {1}")
  @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, value = {
      "2g|true", "512m|true", "512M|true", "2gb|true", "1024|true", "4t|true", "2GiB|true", "512MiB|true",
      "4GB|true", "0g|false", "0|false", "0GiB|false", "2 g|false", " 2g|false", "2g |false", "-2g|false",
      "2.5g|false", "g|false", "2x|false", "2gib|false", "2GIB|false"})
  void driverMemory(String memory, boolean accepted) {
    boolean processor = compiles("@SparkStepOperatorSettings(driverMemory = \"" + memory + "\")");
    boolean runtime = accepts(() -> SparkMemory.fromDriverMemory(memory));
    assertEquals(accepted, processor, "processor on @SparkStepOperatorSettings(driverMemory = \"" + memory + "\")");
    assertEquals(accepted, runtime, "runtime SparkMemory.fromDriverMemory(\"" + memory + "\")");
  }

  @ParameterizedTest(name = "parentImage \"{0}\" accepted: {1}")
  @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, value = {
      "scratch|true", "tar:///opt/base.tar|true", "apache/spark:4.2.0-scala2.13-java17-ubuntu|true",
      "ubuntu|true", "localhost:5000/acme/spark:4.1|true", "registry.example.com/a/b/c|true",
      "acme/spark@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef|true",
      "acme/spark:4.1@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef|true",
      "Acme/Spark|false", "acme/spark:|false", "acme//spark|false", "acme/spark:bad tag|false",
      "tar://relative.tar|false", "tar:///with space.tar|false", "/abs/path|false", ":4.1|false",
      "acme/spark@sha256:short|false", "-acme/spark|false"})
  void parentImage(String image, boolean accepted) {
    boolean processor = compiles("@SparkStepOperatorSettings(parentImage = \"" + image + "\")");
    boolean runtime = ImageBuilder.isParentImage(image);
    assertEquals(accepted, processor, "processor on @SparkStepOperatorSettings(parentImage = \"" + image + "\")");
    assertEquals(accepted, runtime, "runtime ImageBuilder.isParentImage(\"" + image + "\")");
  }

  /** Every key either side might map a resource to, plus keys neither does. */
  private static final List<String> CANDIDATE_KEYS = List.of(
      "spark.executor.cores", "spark.executor.memory", "spark.executor.resource.gpu.amount",
      "spark.task.resource.gpu.amount", "spark.executor.resource.gpu.discoveryScript",
      "spark.kubernetes.executor.request.cores", "spark.executor.memoryOverhead", "spark.driver.memory",
      "spark.executor.instances", "spark.task.cpus");
  private static final Pattern PROCESSOR_OVERRIDE =
      Pattern.compile("\\[StepwiseSubmitArgOverride].* overrides (\\S+), which @ResourceSettings sets");
  private static final Pattern RUNTIME_OVERRIDE =
      Pattern.compile("^(\\S+) set by @ResourceSettings to .* is overridden by @SparkStepOperatorSettings");

  /**
   * The keys a {@code @ResourceSettings} maps to: the processor warns when a submitArgs entry
   * overrides one, the runtime's plan warns the same; both must name the same keys. javac cannot
   * know the master, so the processor warns about the executor mapping, which is what a cluster
   * master uses; on a local master the runtime maps memory to the driver instead and warns then.
   */
  @ParameterizedTest(name = "cpuCount={0} gpuCount={1} memory=\"{2}\"")
  @CsvSource(delimiter = '|', value = {"0|0|''", "2|0|''", "0.5|0|''", "0|0|4GiB", "0|1|''", "1.5|2|512MiB"})
  void resourceToSparkKeys(double cpu, int gpu, String memory) {
    List<String> submitArgs = CANDIDATE_KEYS.stream().map(k -> k + "=7").toList();

    Compilation c = StepCompiler.compile(StepCompiler.source("Rules", IMPORTS + """
        public class Rules {
          @Step(stepOperator = "spark")
          @ResourceSettings(cpuCount = %s, gpuCount = %d, memory = "%s")
          @SparkStepOperatorSettings(submitArgs = {%s})
          public static long run(long x) {
            return x;
          }
        }
        """.formatted(cpu, gpu, memory,
            submitArgs.stream().map(a -> "\"" + a + "\"").collect(Collectors.joining(", ")))));
    assertEquals(List.of(), c.errors(), "the fixture must compile");
    Set<String> processor = keys(PROCESSOR_OVERRIDE, c.warnings().stream()
        .filter(d -> d.getKind() == Diagnostic.Kind.WARNING).map(d -> d.getMessage(null)).toList());

    StepMetadata step = new StepMetadata("run", "com.acme.Rules", "run", "com.acme.Rules_RunStepEntrypoint",
        "com.acme.RulesSteps", "spark", new StepMetadata.Resources(cpu, gpu, memory),
        new StepMetadata.Spark("", submitArgs, 0, "", 0, ""), List.of(), "long");
    SparkStepRequest request = new SparkStepRequest("Rules", "RUN_1", step, "/app/app.jar", List.of(),
        List.of("--spec", "file:///spec.json"), Map.of());
    List<String> runtimeWarnings = SparkSubmissionPlanner
        .forConfig(SparkStepOperatorConfig.of("spark://master:7077", "client"), () -> Path.of("/gpu-discovery.sh"))
        .plan(request, step.entrypointClass()).warnings();
    Set<String> runtime = keys(RUNTIME_OVERRIDE, runtimeWarnings);

    assertEquals(runtime, processor, "keys @ResourceSettings maps to: runtime " + runtimeWarnings
        + " vs processor " + c.warnings());
  }

  private static Set<String> keys(Pattern pattern, List<String> messages) {
    Set<String> keys = new TreeSet<>();
    for (String message : messages) {
      Matcher m = pattern.matcher(message);
      if (m.find()) {
        keys.add(m.group(1));
      }
    }
    return keys;
  }

  /** Whether a Spark step carrying {@code annotation} compiles without errors. */
  private static boolean compiles(String annotation) {
    Compilation c = StepCompiler.compile(StepCompiler.source("Rules", IMPORTS + """
        public class Rules {
          @Step(stepOperator = "spark")
          %s
          public static long run(long x) {
            return x;
          }
        }
        """.formatted(annotation)));
    return c.errors().isEmpty();
  }

  private static boolean accepts(Runnable parse) {
    try {
      parse.run();
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}

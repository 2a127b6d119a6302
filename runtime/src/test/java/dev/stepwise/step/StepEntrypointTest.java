package dev.stepwise.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.artifact.ArtifactStorage;
import dev.stepwise.artifact.LocalArtifactStore;
import dev.stepwise.artifact.Materializers;
import dev.stepwise.fixtures.Numbers;
import dev.stepwise.fixtures.Numbers_ExplodeStepEntrypoint;
import dev.stepwise.fixtures.Numbers_OpaqueStepEntrypoint;
import dev.stepwise.fixtures.Numbers_SummarizeStepEntrypoint;
import dev.stepwise.support.JsonCodec;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the processor-generated entrypoints of {@code Numbers} as child JVMs against a temp artifact store. */
class StepEntrypointTest {
  @TempDir Path dir;
  LocalArtifactStore store;
  ArtifactStorage storage;

  @BeforeEach
  void setUp() {
    store = new LocalArtifactStore(dir);
    storage = new ArtifactStorage(store, Materializers.discover());
  }

  record Exit(int code, String stdout, String stderr) {}

  static Exit runMain(Class<?> entrypoint, String... args) throws Exception {
    return runMain(List.of(), entrypoint, args);
  }

  static Exit runMain(List<String> jvmOptions, Class<?> entrypoint, String... args) throws Exception {
    List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    argv.add("-XX:TieredStopAtLevel=1"); // short-lived JVMs start faster without the optimizing JIT
    argv.addAll(jvmOptions);
    argv.addAll(List.of("-cp", System.getProperty("java.class.path"), entrypoint.getName()));
    argv.addAll(List.of(args));
    Process p = new ProcessBuilder(argv).start();
    p.getOutputStream().close();
    var out = p.getInputStream().readAllBytes();
    var err = p.getErrorStream().readAllBytes();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "entrypoint JVM did not exit");
    return new Exit(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
  }

  StepRunSpec spec(String step, Map<String, URI> inputs) {
    return new StepRunSpec("run-1", "p", step, step, store.root(), inputs,
        store.resolve("out/" + step + "/"), store.resolve("results/" + step + ".json"));
  }

  URI writeSpec(StepRunSpec spec) throws IOException {
    URI uri = store.resolve("specs/" + spec.invocationId() + ".json");
    store.write(uri, JsonCodec.mapper().writeValueAsBytes(spec));
    return uri;
  }

  StepResult result(StepRunSpec spec) throws IOException {
    return JsonCodec.mapper().readValue(store.read(spec.result()), StepResult.class);
  }

  @Test
  void successStoresOutputAndResult() throws Exception {
    URI label = store.resolve("in/label/");
    URI value = store.resolve("in/value/");
    storage.save(label, "total", String.class);
    storage.save(value, 21L, Long.class);
    StepRunSpec spec = spec("summarize", Map.of("label", label, "value", value));

    Exit exit = runMain(Numbers_SummarizeStepEntrypoint.class, "--spec", writeSpec(spec).toString());

    assertEquals(0, exit.code(), exit.stderr());
    assertTrue(exit.stdout().contains("summarizing total"), exit.stdout());
    assertEquals(new Numbers.Summary("total", 21L, List.of(21L, 21L)),
        storage.load(spec.output(), Numbers.Summary.class));
    StepResult result = result(spec);
    assertEquals(StepExitCode.SUCCESS, result.status());
    assertEquals(spec.output(), result.output().orElseThrow());
    assertFalse(result.endedAt().isBefore(result.startedAt()));
  }

  @Test
  void specAsPlainPathWorks() throws Exception {
    URI value = store.resolve("in/value/");
    URI label = store.resolve("in/label/");
    storage.save(label, "x", String.class);
    storage.save(value, 1L, Long.class);
    StepRunSpec spec = spec("summarize", Map.of("label", label, "value", value));
    String path = Path.of(writeSpec(spec)).toString();
    assertEquals(0, runMain(Numbers_SummarizeStepEntrypoint.class, "--spec=" + path).code());
  }

  @Test
  void badArgumentsPrintUsage() throws Exception {
    Exit exit = runMain(Numbers_SummarizeStepEntrypoint.class, "--spek", "x");
    assertEquals(StepExitCode.BAD_ARGUMENTS_OR_SPEC.code(), exit.code());
    assertTrue(exit.stderr().contains("usage:") && exit.stderr().contains("--spec"), exit.stderr());
  }

  @Test
  void unreadableSpec() throws Exception {
    Exit missing = runMain(Numbers_SummarizeStepEntrypoint.class, "--spec", dir.resolve("nope.json").toString());
    assertEquals(StepExitCode.BAD_ARGUMENTS_OR_SPEC.code(), missing.code());
    assertTrue(missing.stderr().contains("cannot read the step run spec"), missing.stderr());

    Path garbage = dir.resolve("garbage.json");
    Files.writeString(garbage, "{not json");
    Exit bad = runMain(Numbers_SummarizeStepEntrypoint.class, "--spec", garbage.toString());
    assertEquals(StepExitCode.BAD_ARGUMENTS_OR_SPEC.code(), bad.code());
  }

  @Test
  void specForAnotherStepIsRefused() throws Exception {
    StepRunSpec spec = spec("explode", Map.of());
    Exit exit = runMain(Numbers_SummarizeStepEntrypoint.class, "--spec", writeSpec(spec).toString());
    assertEquals(StepExitCode.BAD_ARGUMENTS_OR_SPEC.code(), exit.code());
    assertTrue(result(spec).error().orElseThrow().message().contains("but this entrypoint runs step 'summarize'"));
  }

  @Test
  void missingInput() throws Exception {
    URI label = store.resolve("in/label/");
    storage.save(label, "x", String.class);
    StepRunSpec spec = spec("summarize", Map.of("label", label, "value", store.resolve("in/absent/")));
    Exit exit = runMain(Numbers_SummarizeStepEntrypoint.class, "--spec", writeSpec(spec).toString());
    assertEquals(StepExitCode.INPUT_NOT_LOADED.code(), exit.code());
    StepResult result = result(spec);
    assertEquals(StepExitCode.INPUT_NOT_LOADED, result.status());
    assertTrue(result.error().orElseThrow().message().contains("input 'value'"), result.toString());
    assertFalse(store.exists(spec.output()));
  }

  @Test
  void inputOfWrongTypeIsNamed() throws Exception {
    URI label = store.resolve("in/label/");
    URI value = store.resolve("in/value/");
    storage.save(label, "x", String.class);
    storage.save(value, "not a long", String.class);
    StepRunSpec spec = spec("summarize", Map.of("label", label, "value", value));
    Exit exit = runMain(Numbers_SummarizeStepEntrypoint.class, "--spec", writeSpec(spec).toString());
    assertEquals(StepExitCode.INPUT_NOT_LOADED.code(), exit.code());
    String message = result(spec).error().orElseThrow().message();
    assertTrue(message.contains("holds a java.lang.String but a java.lang.Long was requested"), message);
  }

  @Test
  void stepThrows() throws Exception {
    URI value = store.resolve("in/value/");
    storage.save(value, 7L, Long.class);
    StepRunSpec spec = spec("explode", Map.of("value", value));
    Exit exit = runMain(Numbers_ExplodeStepEntrypoint.class, "--spec", writeSpec(spec).toString());
    assertEquals(StepExitCode.STEP_FAILED.code(), exit.code());
    StepError error = result(spec).error().orElseThrow();
    assertEquals(IllegalStateException.class.getName(), error.exceptionClass());
    assertTrue(error.message().contains("boom at 7"), error.message());
    assertTrue(exit.stderr().contains("boom at 7"), exit.stderr());
  }

  @Test
  void outputNotStorable() throws Exception {
    StepRunSpec spec = spec("opaque", Map.of());
    Exit exit = runMain(Numbers_OpaqueStepEntrypoint.class, "--spec", writeSpec(spec).toString());
    assertEquals(StepExitCode.OUTPUT_NOT_STORED.code(), exit.code());
    StepResult result = result(spec);
    assertTrue(result.error().orElseThrow().message().contains("could not be stored"), result.toString());
    assertFalse(storage.exists(spec.output()), "a half-stored output must not look complete");
  }

  @Test
  void exitsEvenWhenTheStepLeavesANonDaemonThread() throws Exception {
    StepRunSpec spec = spec("linger", Map.of());
    Exit exit = runMain(dev.stepwise.fixtures.Numbers_LingerStepEntrypoint.class, "--spec", writeSpec(spec).toString());
    assertEquals(0, exit.code(), exit.stderr());
    assertEquals(42L, storage.load(spec.output(), Long.class));
  }

  @Test
  void anErrorOutsideTheStepsControlStillExits() throws Exception {
    StepRunSpec spec = spec("exhaust", Map.of());
    Exit exit = runMain(dev.stepwise.fixtures.Numbers_ExhaustStepEntrypoint.class, "--spec", writeSpec(spec).toString());
    assertEquals(StepExitCode.ENTRYPOINT_FAILED.code(), exit.code());
    assertTrue(exit.stderr().contains("simulated: the JVM is out of memory"), exit.stderr());
  }

  @Test
  void stepsWithoutASparkSessionLoadNoSparkClass() throws Exception {
    URI label = store.resolve("in/label/");
    URI value = store.resolve("in/value/");
    storage.save(label, "x", String.class);
    storage.save(value, 2L, Long.class);
    StepRunSpec spec = spec("summarize", Map.of("label", label, "value", value));
    Exit exit = runMain(List.of("-Xlog:class+load=info:stdout"), Numbers_SummarizeStepEntrypoint.class,
        "--spec", writeSpec(spec).toString());
    assertEquals(0, exit.code(), exit.stderr());
    assertTrue(exit.stdout().contains("dev.stepwise.step.StepExecution"), "class loading was not logged");
    assertFalse(exit.stdout().contains("org.apache.spark"),
        exit.stdout().lines().filter(l -> l.contains("org.apache.spark")).findFirst().orElse(""));
  }
}

package dev.stepwise.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.stepwise.artifact.ArtifactStorage;
import dev.stepwise.artifact.LocalArtifactStore;
import dev.stepwise.artifact.Materializers;
import dev.stepwise.step.StepExitCode;
import dev.stepwise.step.StepResult;
import dev.stepwise.step.StepRunSpec;
import dev.stepwise.support.JsonCodec;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles {@code fixtures/com/acme/run/Tally.java} with real javac and the processor, then runs
 * each generated {@code main} in a child JVM against a temporary local artifact store written with
 * the runtime's own API, and checks the exit code, the stored output and the result record.
 */
class EntrypointRunTest {

  @TempDir static Path build;
  private static Path classes;
  private static URLClassLoader fixtureLoader;

  @TempDir Path artifacts;
  private LocalArtifactStore store;
  private ArtifactStorage storage;

  @BeforeAll
  static void compileFixture() throws IOException {
    Path source = build.resolve("src/com/acme/run/Tally.java");
    Files.createDirectories(source.getParent());
    try (InputStream in = EntrypointRunTest.class.getResourceAsStream("/fixtures/com/acme/run/Tally.java")) {
      Files.write(source, in.readAllBytes());
    }
    classes = Files.createDirectories(build.resolve("classes"));
    ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
    int exit = ToolProvider.getSystemJavaCompiler().run(null, diagnostics, diagnostics,
        "-processor", StepProcessor.class.getName(),
        "-cp", System.getProperty("java.class.path"),
        "-s", Files.createDirectories(build.resolve("generated")).toString(),
        "-d", classes.toString(), source.toString());
    assertEquals(0, exit, diagnostics.toString(StandardCharsets.UTF_8));
    fixtureLoader = new URLClassLoader(new java.net.URL[] {classes.toUri().toURL()},
        EntrypointRunTest.class.getClassLoader());
  }

  @AfterAll
  static void closeLoader() throws IOException {
    fixtureLoader.close();
  }

  @BeforeEach
  void openStore() {
    store = new LocalArtifactStore(artifacts);
    storage = new ArtifactStorage(store, Materializers.discover());
  }

  record Exit(int code, String stdout, String stderr) {}

  private static Exit runMain(String entrypoint, String... args) throws Exception {
    List<String> argv = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", classes + File.pathSeparator + System.getProperty("java.class.path"),
        "com.acme.run." + entrypoint));
    argv.addAll(List.of(args));
    Process p = new ProcessBuilder(argv).start();
    p.getOutputStream().close();
    // both streams are small; read them on separate threads so neither pipe fills up
    var out = java.util.concurrent.CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
    String err = readAll(p.getErrorStream());
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "entrypoint JVM did not exit");
    return new Exit(p.exitValue(), out.get(), err);
  }

  private static String readAll(InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private StepRunSpec spec(String step, Map<String, URI> inputs) {
    return new StepRunSpec("run-1", "tally", step, step, store.root(), inputs,
        store.resolve("out/" + step + "/"), store.resolve("results/" + step + ".json"));
  }

  private String writeSpec(StepRunSpec spec) throws IOException {
    URI uri = store.resolve("specs/" + spec.invocationId() + ".json");
    store.write(uri, JsonCodec.mapper().writeValueAsBytes(spec));
    return uri.toString();
  }

  private StepResult result(StepRunSpec spec) throws IOException {
    return JsonCodec.mapper().readValue(store.read(spec.result()), StepResult.class);
  }

  @Test
  void successStoresTheRecordOutput() throws Exception {
    URI text = store.resolve("in/text/");
    URI minLength = store.resolve("in/minLength/");
    storage.save(text, "it is a truth universally acknowledged", String.class);
    storage.save(minLength, 5L, Long.class);
    StepRunSpec spec = spec("summarize", Map.of("text", text, "minLength", minLength));

    Exit exit = runMain("Tally_SummarizeStepEntrypoint", "--spec", writeSpec(spec));

    assertEquals(StepExitCode.SUCCESS.code(), exit.code(), exit.stderr());
    assertTrue(exit.stdout().contains("summarizing 38 chars"), exit.stdout());
    Class<?> summary = fixtureLoader.loadClass("com.acme.run.Tally$Summary");
    Object stored = storage.load(spec.output(), summary);
    assertEquals("Summary[text=it is a truth universally acknowledged, words=6,"
        + " longWords=[truth, universally, acknowledged]]", stored.toString());
    assertEquals(StepExitCode.SUCCESS, result(spec).status());
  }

  @Test
  void successOfAVoidInstanceStep() throws Exception {
    URI words = store.resolve("in/words/");
    storage.save(words, List.of("a", "b"), new TypeReference<List<String>>() {}.getType());
    StepRunSpec spec = spec("record", Map.of("words", words));

    Exit exit = runMain("Tally_RecordStepEntrypoint", "--spec", writeSpec(spec));

    assertEquals(StepExitCode.SUCCESS.code(), exit.code(), exit.stderr());
    assertTrue(exit.stdout().contains("recorded [a, b]"), exit.stdout());
    assertTrue(result(spec).output().isEmpty());
  }

  @Test
  void badArguments() throws Exception {
    Exit exit = runMain("Tally_SummarizeStepEntrypoint", "--specification", "x");
    assertEquals(StepExitCode.BAD_ARGUMENTS_OR_SPEC.code(), exit.code());
    assertTrue(exit.stderr().contains("--spec"), exit.stderr());
  }

  @Test
  void inputThatCannotBeLoaded() throws Exception {
    URI text = store.resolve("in/text/");
    storage.save(text, "some text", String.class);
    StepRunSpec spec = spec("summarize", Map.of("text", text, "minLength", store.resolve("in/absent/")));

    Exit exit = runMain("Tally_SummarizeStepEntrypoint", "--spec", writeSpec(spec));

    assertEquals(StepExitCode.INPUT_NOT_LOADED.code(), exit.code(), exit.stderr());
    assertEquals(StepExitCode.INPUT_NOT_LOADED, result(spec).status());
    assertFalse(store.exists(spec.output()));
  }

  @Test
  void stepThatThrows() throws Exception {
    URI value = store.resolve("in/value/");
    storage.save(value, 7L, Long.class);
    StepRunSpec spec = spec("explode", Map.of("value", value));

    Exit exit = runMain("Tally_ExplodeStepEntrypoint", "--spec", writeSpec(spec));

    assertEquals(StepExitCode.STEP_FAILED.code(), exit.code(), exit.stderr());
    String message = result(spec).error().orElseThrow().message();
    assertTrue(message.contains("boom at 7"), message);
  }

  @Test
  void outputThatCannotBeStored() throws Exception {
    StepRunSpec spec = spec("opaque", Map.of());

    Exit exit = runMain("Tally_OpaqueStepEntrypoint", "--spec", writeSpec(spec));

    assertEquals(StepExitCode.OUTPUT_NOT_STORED.code(), exit.code(), exit.stderr());
    assertEquals(StepExitCode.OUTPUT_NOT_STORED, result(spec).status());
    assertFalse(storage.exists(spec.output()));
  }
}

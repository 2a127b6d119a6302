package dev.stepwise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.fixtures.NumbersPipeline;
import dev.stepwise.testing.RealParts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged CLI (target/stepwise-cli, made by `mvn package`) run as a user runs it: through
 * bin/stepwise, from a symlink on PATH. An IT: Failsafe runs it in `integration-test`, after `package`.
 */
class CliArtifactIT {
  @TempDir Path temp;

  @Test
  void packagedCliRunsThroughASymlinkWithQuietLogging() throws Exception {
    Path script = Path.of("target", "stepwise-cli", "bin", "stepwise").toAbsolutePath();
    RealParts.require("packaged CLI", Files.isExecutable(script),
        script + " is made by `mvn package`; run this test with `mvn verify`");
    Path link = Files.createSymbolicLink(temp.resolve("stepwise"), script);

    ProcessBuilder process = new ProcessBuilder(link.toString(), "stack", "list")
        .redirectOutput(temp.resolve("out").toFile())
        .redirectError(temp.resolve("err").toFile())
        .directory(temp.toFile());
    process.environment().put("STEPWISE_CONFIG_DIR", temp.resolve("config").toString());
    Process started = process.start();
    assertTrue(started.waitFor(2, TimeUnit.MINUTES), "bin/stepwise hung");
    String out = Files.readString(temp.resolve("out"));
    String err = Files.readString(temp.resolve("err"));
    assertEquals(0, started.exitValue(), out + err);
    assertTrue(out.contains("Active stack: 'default'"), out);
    assertFalse(err.contains("SLF4J"), "one logging backend in lib/: " + err);

    List<String> jars;
    try (var files = Files.list(script.getParent().getParent().resolve("lib"))) {
      jars = files.map(p -> p.getFileName().toString()).toList();
    }
    assertTrue(jars.stream().anyMatch(j -> j.startsWith("slf4j-simple-")), jars.toString());
    assertTrue(jars.stream().noneMatch(j -> j.startsWith("log4j-slf4j2-impl")), jars.toString());
    assertTrue(jars.stream().anyMatch(j -> j.startsWith("stepwise-runtime-")), jars.toString());
  }

  /**
   * The CLI's own class-data archive: the first {@code pipeline run} leaves one in the cache, the next
   * command maps it ({@code -Xshare:on} fails the JVM otherwise), and a corrupt one only costs speed.
   */
  @Test
  void theFirstPipelineRunLeavesAClassArchiveTheNextCommandMaps() throws Exception {
    Path script = Path.of("target", "stepwise-cli", "bin", "stepwise").toAbsolutePath();
    RealParts.require("packaged CLI", Files.isExecutable(script),
        script + " is made by `mvn package`; run this test with `mvn verify`");
    Path archives = temp.resolve("cache/stepwise/cli-archives");

    String classes = Path.of("target", "test-classes").toAbsolutePath().toString();
    assertEquals(0, cli(script, "run", Map.of(), "pipeline", "run", NumbersPipeline.class.getName(),
        "--classpath", classes), read("run"));
    List<Path> made;
    try (var files = Files.list(archives)) {
      made = files.filter(f -> f.getFileName().toString().endsWith(".jsa")).toList();
    }
    assertEquals(1, made.size(), "one archive for this lib/ and JVM: " + made);

    assertEquals(0, cli(script, "mapped", Map.of("STEPWISE_JAVA_OPTS", "-Xshare:on"), "stack", "list"),
        "the next command could not map " + made.get(0) + ": " + read("mapped"));

    Files.delete(made.get(0));
    Files.writeString(made.get(0), "not an archive".repeat(1000));
    assertEquals(0, cli(script, "corrupt", Map.of(), "stack", "list"), read("corrupt"));
    assertTrue(read("corrupt").contains("Active stack: 'default'"), read("corrupt"));
    assertFalse(read("corrupt").toLowerCase().contains("shared archive"), read("corrupt"));
    // and -Xshare:on tells the difference, so the check above means something
    assertTrue(cli(script, "corrupt-on", Map.of("STEPWISE_JAVA_OPTS", "-Xshare:on"), "stack", "list") != 0,
        read("corrupt-on"));
  }

  private int cli(Path script, String log, Map<String, String> environment, String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of(script.toString()));
    command.addAll(List.of(args));
    ProcessBuilder process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(temp.resolve(log).toFile()).directory(temp.toFile());
    process.environment().put("STEPWISE_CONFIG_DIR", temp.resolve("config").toString());
    process.environment().put("XDG_CACHE_HOME", temp.resolve("cache").toString());
    process.environment().remove("STEPWISE_CLASS_ARCHIVE");
    process.environment().remove("STEPWISE_JAVA_OPTS");
    process.environment().putAll(environment);
    Process started = process.start();
    assertTrue(started.waitFor(5, TimeUnit.MINUTES), "bin/stepwise hung: " + read(log));
    return started.exitValue();
  }

  private String read(String log) throws Exception {
    Path file = temp.resolve(log);
    return Files.exists(file) ? Files.readString(file) : "";
  }
}

package dev.stepwise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.testing.RealParts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
}

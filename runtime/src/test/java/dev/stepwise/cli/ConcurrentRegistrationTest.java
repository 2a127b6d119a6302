package dev.stepwise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.flavor.ComponentType;
import dev.stepwise.stack.StackStore;
import dev.stepwise.stack.StoreDocument;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two real `stepwise` processes registering at once: the file lock must make every write count. */
class ConcurrentRegistrationTest {
  private static final int PER_PROCESS = 40;

  @TempDir Path temp;

  @Test
  void twoProcessesRegisteringAtOnceLoseNothing() throws Exception {
    Path config = temp.resolve("config");
    List<Process> processes = new ArrayList<>();
    for (String prefix : List.of("alpha", "beta")) {
      ProcessBuilder builder = new ProcessBuilder(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Xshare:auto", "-XX:TieredStopAtLevel=1",
          "-cp", System.getProperty("java.class.path"),
          RegisterMany.class.getName(), prefix, String.valueOf(PER_PROCESS));
      builder.environment().put("STEPWISE_CONFIG_DIR", config.toString());
      builder.redirectErrorStream(true);
      builder.redirectOutput(temp.resolve(prefix + ".log").toFile());
      processes.add(builder.start());
    }
    for (Process process : processes) {
      boolean finished = process.waitFor(3, TimeUnit.MINUTES);
      if (!finished) {
        process.destroyForcibly();
      }
      assertTrue(finished, "a registering process hung");
      assertEquals(0, process.exitValue(), () -> "a registering process failed:\n" + log("alpha") + log("beta"));
    }

    StoreDocument document = StackStore.at(config).read();
    for (String prefix : List.of("alpha", "beta")) {
      for (int i = 0; i < PER_PROCESS; i++) {
        assertTrue(document.component(ComponentType.ARTIFACT_STORE, prefix + "_" + i).isPresent(),
            prefix + "_" + i + " was lost");
      }
    }
    assertEquals(2 * PER_PROCESS + 1, document.components(ComponentType.ARTIFACT_STORE).size());
    try (var files = Files.list(config)) {
      assertEquals(List.of(), files.map(Path::getFileName).map(Path::toString)
          .filter(n -> n.endsWith(".tmp")).toList(), "no temp file is left behind");
    }
  }

  private String log(String prefix) {
    try {
      return "--- " + prefix + File.separator + "\n" + Files.readString(temp.resolve(prefix + ".log"));
    } catch (Exception e) {
      return "";
    }
  }
}

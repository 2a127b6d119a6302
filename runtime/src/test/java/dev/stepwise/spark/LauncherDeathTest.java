package dev.stepwise.spark;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.artifact.JsonCodec;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A launcher JVM killed with SIGKILL: its launch record says so, and the orphaned spark-submit is killed. */
class LauncherDeathTest {
  @TempDir Path dir;

  @Test
  void aDeadLauncherIsDetectedAndItsOrphanKilled() throws Exception {
    Path recordFile = dir.resolve("launch.json");
    Process launcher = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), OrphanLauncherMain.class.getName(), recordFile.toString(),
        SparkTestFixtures.cache().path().toString(), SparkTestFixtures.testAppsJar().toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("launcher.log").toFile()).start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
      while (!Files.exists(recordFile)) {
        assertTrue(launcher.isAlive() && System.nanoTime() < deadline,
            () -> "the launcher never recorded a running app: " + read(dir.resolve("launcher.log")));
        Thread.sleep(200);
      }
      SparkLaunchRecord record = JsonCodec.mapper().readValue(recordFile.toFile(), SparkLaunchRecord.class);
      assertTrue(record.vanishedReason().isEmpty(), "the launcher is alive");

      launcher.destroyForcibly().waitFor();

      String reason = record.vanishedReason().orElseThrow();
      assertTrue(reason.contains("launching JVM (pid " + launcher.pid() + ") died"), reason);
      assertTrue(reason.contains("left running"), "SIGKILL leaves spark-submit orphaned: " + reason);
      assertTrue(record.killOrphan(), "the orphan was killed");
      assertFalse(ProcessHandle.of(record.childPid()).map(ProcessHandle::isAlive).orElse(false));
      assertTrue(record.vanishedReason().orElseThrow().contains("is gone too"));
    } finally {
      launcher.destroyForcibly();
    }
  }

  private static String read(Path file) {
    try {
      List<String> lines = Files.readAllLines(file);
      return String.join(File.separator.equals("/") ? "\n" : "\r\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (Exception e) {
      return "";
    }
  }
}

package dev.stepwise.spark;

import dev.stepwise.operator.StepLog;
import dev.stepwise.support.ClassDirectoryJar;
import dev.stepwise.support.DirectoryTrees;
import dev.stepwise.support.StepwiseCacheDir;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** What the Spark tests share: one cache (and so one embedded Spark home) and the test apps' jar. */
public final class SparkTestFixtures {
  private static StepwiseCacheDir cache;
  private static Path sparkHome;

  private SparkTestFixtures() {}

  public static synchronized StepwiseCacheDir cache() {
    if (cache == null) {
      try {
        Path dir = Files.createTempDirectory("stepwise-spark-tests");
        cache = new StepwiseCacheDir(dir.resolve("stepwise"));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          try {
            DirectoryTrees.delete(dir);
          } catch (Exception ignored) {
            // a temp directory; the OS cleans it eventually
          }
        }));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    return cache;
  }

  public static synchronized Path sparkHome() {
    if (sparkHome == null) {
      sparkHome = EmbeddedSparkHome.assemble(cache());
    }
    return sparkHome;
  }

  /** The test classes (which hold the test apps) packed as an application jar. */
  static Path testAppsJar() {
    try {
      Path classes = Path.of(dev.stepwise.spark.apps.CountApp.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return ClassDirectoryJar.pack(classes, cache());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A step log that keeps every line. */
  static final class CollectedLog implements StepLog {
    final List<String> lines = new CopyOnWriteArrayList<>();

    @Override
    public void line(Stream stream, String line) {
      lines.add(line);
    }

    boolean contains(String text) {
      return lines.stream().anyMatch(l -> l.contains(text));
    }
  }
}

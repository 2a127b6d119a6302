package dev.stepwise.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.support.DirectoryTrees;
import dev.stepwise.support.StepwiseCacheDir;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EmbeddedSparkHomeTest {
  /** The Spark version the build pins, as the runtime reads it from Spark's own jar. */
  private static final String SPARK = SparkHomeJars.sparkVersion();

  // Not @TempDir: a home is hundreds of hard-linked jars; DirectoryTrees deletes them without following anything.
  private Path dir;

  @BeforeEach
  void createDir() throws Exception {
    dir = Files.createTempDirectory("stepwise-spark-home");
  }

  @AfterEach
  void deleteDir() throws Exception {
    DirectoryTrees.delete(dir);
  }

  @Test
  void assemblesOnceAndIsReused() throws Exception {
    StepwiseCacheDir cache = new StepwiseCacheDir(dir.resolve("stepwise"));
    Path home = EmbeddedSparkHome.assemble(cache);
    assertTrue(home.getFileName().toString().startsWith("spark-home-" + SPARK + "-"), home.toString());
    assertTrue(Files.isExecutable(home.resolve("bin/spark-submit")));
    try (Stream<Path> jars = Files.list(home.resolve("jars"))) {
      List<Path> links = jars.toList();
      assertTrue(links.stream().anyMatch(p -> p.getFileName().toString().equals("spark-core_2.13-" + SPARK + ".jar")));
      assertTrue(links.stream().allMatch(Files::isRegularFile), "every link resolves to a jar");
    }
    var modified = Files.getLastModifiedTime(home.resolve("bin/spark-submit"));
    assertEquals(home, EmbeddedSparkHome.assemble(cache));
    assertEquals(modified, Files.getLastModifiedTime(home.resolve("bin/spark-submit")));
  }

  @Test
  void isASelfContainedSparkHomeWithMllibAndStandaloneScripts() throws Exception {
    Path home = EmbeddedSparkHome.assemble(new StepwiseCacheDir(dir.resolve("stepwise")));
    try (Stream<Path> files = Files.walk(home)) {
      List<Path> links = files.filter(Files::isSymbolicLink).toList();
      assertEquals(List.of(), links, "the home links into no build tree or repository: it outlives mvn clean");
    }
    try (Stream<Path> jars = Files.list(home.resolve("jars"))) {
      List<String> names = jars.map(p -> p.getFileName().toString()).toList();
      assertTrue(names.contains("spark-mllib_2.13-" + SPARK + ".jar"), "MLlib is on the executors' system class path");
      assertTrue(names.contains("spark-core_2.13-" + SPARK + ".jar"), names.toString());
    }
    for (String script : List.of("bin/spark-class", "bin/spark-submit", "sbin/start-master.sh", "sbin/start-worker.sh",
        "sbin/stop-master.sh", "sbin/stop-worker.sh")) {
      assertTrue(Files.isExecutable(home.resolve(script)), script);
    }
    assertTrue(Files.readString(home.resolve("conf/spark-env.sh")).contains("SPARK_SCALA_VERSION"),
        "Spark's launcher needs the Scala version outside a build tree");
  }

  @Test
  void concurrentAssemblyYieldsOneCompleteHome() throws Exception {
    StepwiseCacheDir cache = new StepwiseCacheDir(dir.resolve("stepwise"));
    List<Path> jars = SparkHomeJars.resolve();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<Path>> tasks = List.of(
          () -> EmbeddedSparkHome.assemble(cache, jars, SPARK), () -> EmbeddedSparkHome.assemble(cache, jars, SPARK),
          () -> EmbeddedSparkHome.assemble(cache, jars, SPARK), () -> EmbeddedSparkHome.assemble(cache, jars, SPARK));
      Set<Path> homes = new HashSet<>();
      for (Future<Path> f : pool.invokeAll(tasks)) {
        homes.add(f.get());
      }
      assertEquals(1, homes.size());
      try (Stream<Path> entries = Files.list(cache.path())) {
        assertEquals(List.of(homes.iterator().next()), entries.toList(), "no temp directory is left behind");
      }
      assertTrue(EmbeddedSparkHome.isComplete(homes.iterator().next()));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void itsSparkSubmitRunsSparksOwnLauncher() throws Exception {
    Path home = EmbeddedSparkHome.assemble(new StepwiseCacheDir(dir.resolve("stepwise")));
    Process p = new ProcessBuilder(home.resolve("bin/spark-submit").toString(), "--version")
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out);
    assertTrue(out.contains("version " + SPARK), out);
  }

  @Test
  void gpuDiscoveryScriptIsMaterializedExecutable() throws Exception {
    StepwiseCacheDir cache = new StepwiseCacheDir(dir.resolve("stepwise"));
    Path script = SparkHomes.gpuDiscoveryScript(cache);
    assertTrue(Files.isExecutable(script));
    assertEquals(script, SparkHomes.gpuDiscoveryScript(cache));
    Process p = new ProcessBuilder(script.toString()).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor());
    assertTrue(out.startsWith("{\"name\":\"gpu\",\"addresses\":["), out);
  }
}

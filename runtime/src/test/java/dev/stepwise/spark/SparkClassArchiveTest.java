package dev.stepwise.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.cli.Main;
import dev.stepwise.stack.StepwiseEnvironment;
import dev.stepwise.spark.fixtures.ClassArchiveProbePipeline;
import dev.stepwise.support.StepwiseCacheDir;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Class-data sharing for drivers of the embedded Spark home: through {@code stepwise pipeline run}
 * with a cache of its own, the first Spark step runs without an archive and starts building one;
 * once built, the next step's driver has it mapped (as {@code /proc/self/maps} shows, inside the
 * driver); a corrupt archive is not used and fails nothing. Then the archive's identity and where
 * it does not apply, on a home assembled from two small jars.
 */
class SparkClassArchiveTest {
  @TempDir Path dir;

  @Test
  void theFirstSparkStepBuildsTheArchiveTheNextMapsItAndACorruptOneFailsNothing() throws Exception {
    Path cache = dir.resolve("cache");
    Path archives = cache.resolve("class-archives");

    String first = run("first.log", cache);
    assertTrue(first.contains("archive probe counted 5000"), first);
    assertFalse(first.contains("mapped archive: " + archives), "no archive existed yet: " + first);

    Path archive = awaitArchive(archives);
    String second = run("second.log", cache);
    assertTrue(second.contains("archive probe counted 5000"), second);
    assertTrue(second.contains("mapped archive: " + archive), "the driver did not map " + archive + ": " + second);

    // corrupt in place: the driver falls back to loading classes, and says nothing about it
    Files.delete(archive);
    Files.write(archive, "not an archive".repeat(1000).getBytes(StandardCharsets.UTF_8));
    String third = run("third.log", cache);
    assertTrue(third.contains("archive probe counted 5000"), third);
    assertFalse(third.contains("mapped archive: " + archive), third);
    assertFalse(third.toLowerCase().contains("shared archive") || third.contains("[cds"),
        "the JVM's CDS complaint reached the step's output: " + third);
  }

  @Test
  void oneArchivePerHomeAndJvmAndNoneWhereItCannotMap() throws Exception {
    StepwiseCacheDir cache = new StepwiseCacheDir(dir.resolve("cache"));
    Path home = EmbeddedSparkHome.assemble(cache, List.of(jar("a.jar"), jar("b.jar")), "0.0.1");
    Path java = Path.of(System.getProperty("java.home"));

    Path archive = SparkClassArchive.of(home, java, cache, Map.of()).orElseThrow().path();
    assertEquals(archive, SparkClassArchive.of(home, java, cache, Map.of()).orElseThrow().path(), "not stable");
    assertTrue(archive.startsWith(cache.path()), archive.toString());

    // a jar of the home changes: another archive (the JDK would refuse the old one)
    Path inHome = home.resolve("jars/a.jar");
    Files.setLastModifiedTime(inHome, FileTime.fromMillis(Files.getLastModifiedTime(inHome).toMillis() + 60_000));
    Path afterJarChange = SparkClassArchive.of(home, java, cache, Map.of()).orElseThrow().path();
    assertNotEquals(archive, afterJarChange, "a changed jar kept the archive");

    // another JVM: another archive; a JVM before 13 has no dynamic archives
    Path otherJava = fakeJava("21");
    assertNotEquals(afterJarChange, SparkClassArchive.of(home, otherJava, cache, Map.of()).orElseThrow().path());
    assertTrue(SparkClassArchive.of(home, fakeJava("11"), cache, Map.of()).isEmpty(), "Java 11 has no dynamic archive");

    // switched off, a conf dir of the user's, a Spark home of the user's: none
    assertTrue(SparkClassArchive.of(home, java, cache, Map.of(SparkClassArchive.SWITCH, "off")).isEmpty());
    assertTrue(SparkClassArchive.of(home, java, cache, Map.of("SPARK_CONF_DIR", "/etc/spark")).isEmpty());
    Path usersHome = Files.createDirectories(dir.resolve("users-home/bin"));
    Files.writeString(usersHome.resolve("spark-submit"), "#!/bin/sh\n");
    assertTrue(usersHome.resolve("spark-submit").toFile().setExecutable(true));
    Files.writeString(dir.resolve("users-home/RELEASE"), "Spark 4.2.0 built for Hadoop 3\n");
    assertTrue(SparkClassArchive.of(dir.resolve("users-home"), java, cache, Map.of()).isEmpty());

    // not built yet: an empty conf dir, log4j2's file named, no archive option; a build starts, and
    // on this home of two jars it fails, is remembered, and is not started again
    SparkClassArchive pending = SparkClassArchive.of(home, java, cache, Map.of()).orElseThrow();
    assertTrue(pending.startBuild(), "no build started");
    assertFalse(pending.startBuild(), "a second build started while the first runs");
    assertFalse(pending.awaitBuild(Duration.ofMinutes(5)), "a home without Spark built an archive");
    Path failed = pending.path().resolveSibling(pending.path().getFileName() + ".failed");
    assertTrue(Files.isRegularFile(failed), "the failure was not recorded");
    assertFalse(pending.startBuild(), "a failed build was started again at once");
    Map<String, String> env = pending.launchEnvironment(Map.of("SPARK_SUBMIT_OPTS", "-Dmine=1"));
    assertFalse(env.containsKey("SPARK_CONF_DIR"), "SPARK_CONF_DIR, which Spark reads at run time, was changed");
    Path confDir = Path.of(env.get(SparkClassArchive.CLASSPATH_CONF_DIR));
    try (Stream<Path> entries = Files.list(confDir)) {
      assertEquals(0, entries.count(), "SPARK_CONF_DIR is not empty");
    }
    assertTrue(env.get("SPARK_SUBMIT_OPTS").startsWith("-Dmine=1 -Dlog4j2.configurationFile=file:"), env.toString());
    assertFalse(env.get("SPARK_SUBMIT_OPTS").contains("SharedArchiveFile"), env.toString());

    // built: the archive is named, with sharing that falls back instead of failing the JVM; the
    // archive of the home's earlier jars goes, another home's stays
    Files.writeString(pending.path(), "archive");
    Files.writeString(archive, "archive of the jars before the change");
    Path othersHome = archive.resolveSibling("spark-home-9.9.9-0123456789abcdef-java17-0123456789abcdef.jsa");
    Files.writeString(othersHome, "another home's archive");
    String options = pending.launchEnvironment(Map.of()).get("SPARK_SUBMIT_OPTS");
    assertTrue(options.contains("-XX:SharedArchiveFile=" + pending.path() + " -Xshare:auto"), options);
    assertFalse(Files.exists(archive), "the superseded archive was kept");
    assertTrue(Files.exists(othersHome), "another home's archive was deleted");
    assertTrue(Files.exists(pending.path()));
  }

  private String run(String log, Path cache) throws Exception {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Dstepwise.cacheDir=" + cache,
        "-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "pipeline", "run", ClassArchiveProbePipeline.class.getName(), "--no-cache"));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolve(log).toFile());
    builder.environment().keySet().removeIf(key -> key.startsWith("SPARK_") || key.equals(SparkClassArchive.SWITCH));
    builder.environment().put(StepwiseEnvironment.CONFIG_DIR_VARIABLE, dir.resolve("config").toString());
    Process pipeline = builder.start();
    assertTrue(pipeline.waitFor(600, TimeUnit.SECONDS), "pipeline run did not return: " + read(log));
    String output = read(log);
    assertEquals(0, pipeline.exitValue(), output);
    return output;
  }

  /** Waits for the background build: it ends with the archive in place, or with a recorded failure. */
  private static Path awaitArchive(Path archives) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(15);
    while (System.nanoTime() < deadline) {
      if (Files.isDirectory(archives)) {
        try (Stream<Path> files = Files.list(archives)) {
          List<Path> found = files.toList();
          for (Path file : found) {
            String name = file.getFileName().toString();
            if (name.endsWith(".jsa.failed")) {
              throw new AssertionError("the archive build failed: " + Files.readString(file)
                  + Files.readString(archives.resolve(name.replace(".failed", ".log"))));
            }
            if (name.endsWith(".jsa")) {
              return file;
            }
          }
        }
      }
      Thread.sleep(500);
    }
    throw new AssertionError("no archive and no recorded failure in " + archives);
  }

  private Path jar(String name) throws Exception {
    Path jar = dir.resolve(name);
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new java.util.jar.JarEntry(name + ".txt"));
      out.write(name.getBytes(StandardCharsets.UTF_8));
    }
    return jar;
  }

  private Path fakeJava(String version) throws Exception {
    Path home = Files.createDirectories(dir.resolve("java-" + version + "/lib/server"));
    Files.writeString(home.resolve("libjvm.so"), "jvm " + version);
    Files.writeString(dir.resolve("java-" + version + "/release"), "JAVA_VERSION=\"" + version + ".0.1\"\n");
    return dir.resolve("java-" + version);
  }

  private String read(String log) throws Exception {
    Path file = dir.resolve(log);
    return Files.exists(file) ? Files.readString(file) : "";
  }
}

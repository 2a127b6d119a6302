package dev.stepwise.spark;

import dev.stepwise.support.AtomicFiles;
import dev.stepwise.support.DirectoryTrees;
import dev.stepwise.support.RuntimeResources;
import dev.stepwise.support.Sha256;
import dev.stepwise.support.StepwiseCacheDir;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Spark home used when neither {@code spark_home} nor {@code SPARK_HOME} is set, and the one a
 * user starts a standalone master and worker from: assembled once in the cache directory from the
 * runtime's jar closure plus spark-mllib's (hard links, or copies across file systems: never links
 * into a build tree that {@code mvn clean} empties), with Stepwise's own {@code bin} and
 * {@code sbin} scripts. Its name is a hash of what goes in; built in a temp directory and renamed
 * into place, so racing processes never see a half-built home.
 */
public final class EmbeddedSparkHome {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSparkHome.class);

  /** One file of the home from a runtime resource. */
  private record HomeFile(String resource, String target, boolean executable) {}

  private static final String RESOURCES = "dev/stepwise/spark/home/";
  private static final String ASSEMBLED_BY = "assembled by Stepwise";
  private static final List<HomeFile> FILES = List.of(
      new HomeFile("spark-class.sh", "bin/spark-class", true),
      new HomeFile("spark-submit.sh", "bin/spark-submit", true),
      // Spark's launcher puts conf/ on the JVM's class path, where log4j2 finds this file
      new HomeFile("log4j2.properties", "conf/log4j2.properties", false),
      new HomeFile("spark-env.sh", "conf/spark-env.sh", false),
      new HomeFile("spark-daemon.sh", "sbin/spark-daemon.sh", true),
      new HomeFile("start-master.sh", "sbin/start-master.sh", true),
      new HomeFile("start-worker.sh", "sbin/start-worker.sh", true),
      new HomeFile("stop-master.sh", "sbin/stop-master.sh", true),
      new HomeFile("stop-worker.sh", "sbin/stop-worker.sh", true));

  private EmbeddedSparkHome() {}

  /** The assembled home for this runtime's jars, building it on first use. */
  public static Path assemble(StepwiseCacheDir cache) {
    return assemble(cache, SparkHomeJars.resolve(), SparkHomeJars.sparkVersion());
  }

  static Path assemble(StepwiseCacheDir cache, List<Path> jars, String sparkVersion) {
    Path home = cache.path().resolve("spark-home-" + sparkVersion + "-" + identity(jars));
    if (isComplete(home)) {
      return home;
    }
    String hash = home.getFileName().toString();
    Path temp = cache.path().resolve("." + hash + "-" + UUID.randomUUID());
    try {
      Files.createDirectories(temp.resolve("jars"));
      for (HomeFile file : FILES) {
        Path target = temp.resolve(file.target());
        Files.createDirectories(target.getParent());
        Files.write(target, resource(file.resource()));
        if (file.executable()) {
          Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
      }
      for (Path jar : jars) {
        Path target = temp.resolve("jars").resolve(jar.getFileName());
        if (!Files.exists(target)) {
          linkOrCopy(jar, target);
        }
      }
      // With RELEASE present, Spark's launcher takes jars/ as the jars directory (as in a distribution).
      Files.writeString(temp.resolve("RELEASE"), "Spark " + sparkVersion + " " + ASSEMBLED_BY + "\n");
      if (AtomicFiles.publish(temp, home)) {
        LOG.info("Assembled the embedded Spark {} home with {} jars at {}", sparkVersion, jars.size(), home);
      }
    } catch (IOException e) {
      try {
        DirectoryTrees.delete(temp);
      } catch (IOException ignored) {
        // best effort; the temp name is unique and never read
      }
      if (isComplete(home)) {
        return home;
      }
      throw new UncheckedIOException("cannot assemble the embedded Spark home in " + cache.path() + ": "
          + e.getMessage() + "; make the directory writable, set XDG_CACHE_HOME, or set spark_home", e);
    }
    return home;
  }

  /**
   * What makes a home: each jar's name (names carry versions) and size, and each script's content;
   * not the jars' paths, so the same jars from the local Maven repository or the CLI's lib/ share one home.
   */
  private static String identity(List<Path> jars) {
    StringBuilder text = new StringBuilder();
    try {
      for (Path jar : jars) {
        text.append(jar.getFileName()).append(' ').append(Files.size(jar)).append('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read a jar of the embedded Spark home: " + e.getMessage(), e);
    }
    for (HomeFile file : FILES) {
      text.append(file.target()).append(' ').append(Sha256.hex(resource(file.resource()))).append('\n');
    }
    return Sha256.hex(text.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 16);
  }

  /** A hard link costs no space and survives the source's deletion; other file systems get a copy. */
  private static void linkOrCopy(Path jar, Path target) throws IOException {
    try {
      Files.createLink(target, jar);
    } catch (FileSystemException | UnsupportedOperationException crossDevice) {
      Files.copy(jar, target, StandardCopyOption.COPY_ATTRIBUTES);
    }
  }

  /**
   * Whether {@code home} is a home this class assembled (its {@code RELEASE} says so), wherever it is
   * named from: the default, {@code spark_home} or {@code SPARK_HOME} pointing at it.
   */
  public static boolean isEmbedded(Path home) {
    try {
      return isComplete(home) && Files.readString(home.resolve("RELEASE")).contains(ASSEMBLED_BY);
    } catch (IOException | UncheckedIOException e) {
      return false;
    }
  }

  static boolean isComplete(Path home) {
    return Files.isExecutable(home.resolve("bin/spark-submit")) && Files.isRegularFile(home.resolve("RELEASE"));
  }

  private static byte[] resource(String name) {
    return RuntimeResources.bytes(RESOURCES + name);
  }
}

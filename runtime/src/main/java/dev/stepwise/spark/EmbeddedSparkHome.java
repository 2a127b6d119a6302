package dev.stepwise.spark;

import dev.stepwise.support.DirectoryTrees;
import dev.stepwise.support.StepwiseCacheDir;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Spark home used when neither {@code spark_home} nor {@code SPARK_HOME} is set: assembled once
 * in the cache directory from the runtime's own jars (symbolic links) plus Stepwise's short
 * {@code bin/spark-submit}. Built in a temp directory and renamed into place, so racing processes
 * never see a half-built home.
 */
public final class EmbeddedSparkHome {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSparkHome.class);
  private static final String SCRIPT_RESOURCE = "dev/stepwise/spark/spark-submit.sh";
  private static final String LOGGING_RESOURCE = "dev/stepwise/spark/log4j2.properties";

  private EmbeddedSparkHome() {}

  /** The assembled home for this runtime's jars, building it on first use. */
  public static Path assemble(StepwiseCacheDir cache) {
    return assemble(cache, SparkHomeJars.resolve(), SparkHomeJars.sparkVersion());
  }

  static Path assemble(StepwiseCacheDir cache, List<Path> jars, String sparkVersion) {
    byte[] script = resource(SCRIPT_RESOURCE);
    byte[] logging = resource(LOGGING_RESOURCE);
    String identity = String.join("\n", jars.stream().map(Path::toString).toList()) + "\n"
        + StepwiseCacheDir.sha256(script) + "\n" + StepwiseCacheDir.sha256(logging);
    String hash = StepwiseCacheDir.sha256(identity.getBytes(StandardCharsets.UTF_8)).substring(0, 16);
    Path home = cache.path().resolve("spark-home-" + sparkVersion + "-" + hash);
    if (isComplete(home)) {
      return home;
    }
    Path temp = cache.path().resolve(".spark-home-" + hash + "-" + UUID.randomUUID());
    try {
      Files.createDirectories(temp.resolve("jars"));
      Files.createDirectories(temp.resolve("bin"));
      Files.createDirectories(temp.resolve("conf"));
      // Spark's launcher puts conf/ on the driver's class path, where log4j2 finds this file
      Files.write(temp.resolve("conf/log4j2.properties"), logging);
      for (Path jar : jars) {
        Path link = temp.resolve("jars").resolve(jar.getFileName());
        if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          Files.createSymbolicLink(link, jar);
        }
      }
      Path submit = temp.resolve("bin/spark-submit");
      Files.write(submit, script);
      Files.setPosixFilePermissions(submit, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
      // With RELEASE present, Spark's launcher takes jars/ as the jars directory (as in a distribution).
      Files.writeString(temp.resolve("RELEASE"), "Spark " + sparkVersion + " assembled by Stepwise\n");
      if (StepwiseCacheDir.moveIntoPlace(temp, home)) {
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

  static boolean isComplete(Path home) {
    return Files.isExecutable(home.resolve("bin/spark-submit")) && Files.isRegularFile(home.resolve("RELEASE"));
  }

  private static byte[] resource(String name) {
    try (var in = EmbeddedSparkHome.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing from the Stepwise runtime jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package dev.stepwise.spark;

import dev.stepwise.support.AtomicFiles;
import dev.stepwise.support.RuntimeResources;
import dev.stepwise.support.Sha256;
import dev.stepwise.support.StepwiseCacheDir;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Class-data sharing (AppCDS) for the JVMs spark-submit starts from Stepwise's embedded Spark home:
 * most of a small step's time is its driver loading Spark's classes, and a dynamic archive of them
 * maps those classes instead.
 *
 * <p>One archive per Spark home and JVM, named by the home and a digest of its jars (names, sizes,
 * modification times), the JVM (its {@code release} file and {@code libjvm.so}) and the training
 * recipe, so a changed jar or JVM gets a new archive; the archive it supersedes is deleted once the
 * new one is in use. The first launch that finds none starts
 * {@code class-archive.sh} in the background: a run of {@link ClassArchiveTraining} with
 * {@code -XX:ArchiveClassesAtExit}, checked with {@code -Xshare:on} and renamed into place; steps
 * never wait for it, and a build that fails is not retried for a day ({@code .failed} says why).
 * The same recipe serves JDK 17 and 19+: {@code -XX:+AutoCreateSharedArchive} would archive each
 * step's own jars too, and then every rebuild of the user's project would make the archive stale and
 * re-dump it at the end of a step.
 *
 * <p>What makes it map: the archive's class path must be a prefix of the driver's, so the driver gets
 * an empty conf dir on its class path (JDK 17 refuses a non-empty directory on an archived class
 * path; log4j2's file is named with {@code -Dlog4j2.configurationFile} instead), through the
 * embedded home's {@code spark-class}, which keeps {@code SPARK_CONF_DIR} itself as it was: a
 * Kubernetes submission ships that dir's files (log4j2's among them) to the driver pod. It also
 * gets the step's jars after the home's ({@link SparkSubmission#driverClassPath}). A missing, stale or corrupt archive never fails
 * a step: the JVM runs with {@code -Xshare:auto}, which falls back to loading classes, with the CDS
 * log off so nothing reaches the step's output. {@code STEPWISE_CLASS_ARCHIVE=off} turns it all off.
 */
public final class SparkClassArchive {
  private static final Logger LOG = LoggerFactory.getLogger(SparkClassArchive.class);

  /**
   * The conf dir the embedded home's {@code spark-class} puts on the JVM's class path instead of
   * {@code SPARK_CONF_DIR}, which the JVM still reads at run time.
   */
  static final String CLASSPATH_CONF_DIR = "STEPWISE_CLASSPATH_CONF_DIR";
  /** The environment variable that turns archives off ({@code off}). */
  public static final String SWITCH = "STEPWISE_CLASS_ARCHIVE";
  /** A build younger than this holds its marker; an older marker is a build that died. */
  private static final Duration BUILD_LEASE = Duration.ofMinutes(30);
  /** How long a failed build is not retried for the same home and JVM. */
  private static final Duration FAILURE_MEMORY = Duration.ofDays(1);
  private static final String SCRIPT = "dev/stepwise/spark/class-archive.sh";
  private static final String TRAINING_CLASS = ClassArchiveTraining.class.getName().replace('.', '/') + ".class";
  private static final Pattern SUPERSEDED = Pattern.compile(".*-java\\d+-[0-9a-f]{16}\\.jsa(\\.log|\\.failed)?");
  private static final Pattern JAVA_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)");

  private final Path sparkHome;
  private final Path javaHome;
  private final StepwiseCacheDir cache;
  private final Path archive;

  private SparkClassArchive(Path sparkHome, Path javaHome, StepwiseCacheDir cache, Path archive) {
    this.sparkHome = sparkHome;
    this.javaHome = javaHome;
    this.cache = cache;
    this.archive = archive;
  }

  /**
   * The archive for drivers of {@code sparkHome} on the JVM in {@code javaHome}, or empty when none
   * applies: switched off, a Spark home of the user's own (its conf dir is theirs), a
   * {@code SPARK_CONF_DIR} of the user's, or a JVM older than 13 or whose version cannot be read.
   */
  public static Optional<SparkClassArchive> of(Path sparkHome, Path javaHome, StepwiseCacheDir cache,
      Map<String, String> environment) {
    if ("off".equalsIgnoreCase(environment.getOrDefault(SWITCH, "").trim())
        || environment.containsKey("SPARK_CONF_DIR") || !EmbeddedSparkHome.isEmbedded(sparkHome)) {
      return Optional.empty();
    }
    try {
      Path java = javaHome.toRealPath();
      Optional<Integer> feature = featureVersion(java);
      if (feature.isEmpty() || feature.get() < 13) {
        return Optional.empty();
      }
      Path home = sparkHome.toRealPath();
      String name = home.getFileName() + "-java" + feature.get() + "-" + identity(home, java) + ".jsa";
      return Optional.of(new SparkClassArchive(home, java, cache, cache.path().resolve("class-archives").resolve(name)));
    } catch (IOException | UncheckedIOException | IllegalStateException e) {
      LOG.debug("No class-data archive for {} on {}: {}", sparkHome, javaHome, e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * Adds to {@code childEnvironment} (spark-submit's, on top of this process's {@code environment})
   * what makes the JVM it starts from {@code sparkHome} map the home's archive, when one applies.
   */
  public static void addTo(Map<String, String> childEnvironment, Path sparkHome, Path javaHome, StepwiseCacheDir cache,
      Map<String, String> environment) {
    Map<String, String> seen = new HashMap<>(environment);
    seen.putAll(childEnvironment);
    of(sparkHome, javaHome, cache, seen).ifPresent(archive -> childEnvironment.putAll(archive.launchEnvironment(seen)));
  }

  /** Where the archive is (or will be). */
  public Path path() {
    return archive;
  }

  /** Whether the archive has been built. */
  public boolean ready() {
    return Files.isRegularFile(archive);
  }

  /**
   * What spark-submit's environment gets so its JVM maps the archive: an empty conf dir for its
   * class path ({@value #CLASSPATH_CONF_DIR}) and {@code SPARK_SUBMIT_OPTS} with log4j2's file and, once built, the archive. Appends to a
   * {@code SPARK_SUBMIT_OPTS} the environment has. Starts a build when there is no archive yet.
   */
  public Map<String, String> launchEnvironment(Map<String, String> environment) {
    Map<String, String> added = new HashMap<>();
    try {
      added.put(CLASSPATH_CONF_DIR, emptyConfDir().toString());
    } catch (IOException e) {
      LOG.debug("No class-data archive: {}", e.getMessage());
      return Map.of();
    }
    StringBuilder options = new StringBuilder(environment.getOrDefault("SPARK_SUBMIT_OPTS", "").trim());
    option(options, "-Dlog4j2.configurationFile=" + sparkHome.resolve("conf/log4j2.properties").toUri());
    if (ready()) {
      removeSuperseded();
      option(options, "-XX:SharedArchiveFile=" + archive);
      option(options, "-Xshare:auto");
      // a stale or corrupt archive is not used; the JVM would say so on the step's output
      option(options, "-Xlog:cds=off");
      option(options, "-Xlog:cds+dynamic=off");
    } else {
      startBuild();
    }
    added.put("SPARK_SUBMIT_OPTS", options.toString());
    return added;
  }

  /**
   * Starts the background build unless one runs or failed within a day; says whether it started one.
   * The build detaches from this JVM (it is no descendant of it) and outlives it: a script that
   * renames the archive into place when it is done and then removes its marker.
   */
  public boolean startBuild() {
    Path marker = sibling(".building");
    try {
      Files.createDirectories(archive.getParent());
      if (recentlyModified(sibling(".failed"), FAILURE_MEMORY)) {
        LOG.debug("Not building the class-data archive {} again: {}", archive, Files.readString(sibling(".failed")).trim());
        return false;
      }
      if (!claim(marker)) {
        return false;
      }
      Path script = cache.materializeExecutable(SCRIPT, "class-archive", ".sh");
      ProcessBuilder builder = new ProcessBuilder(script.toString(), sparkHome.toString(), javaHome.toString(),
          archive.toString(), emptyConfDir().toString(), trainingJar().toString(), marker.toString())
          .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
          .redirectOutput(sibling(".log").toFile())
          .redirectErrorStream(true);
      builder.environment().remove("SPARK_HOME");
      builder.environment().remove(SWITCH);
      Process detaching = builder.start();
      LOG.info("Building the class-data archive of the embedded Spark home for {} in the background (once; later"
          + " Spark steps start faster): {}", javaHome, archive);
      detaching.onExit().thenAccept(p -> {
        if (p.exitValue() != 0) {
          LOG.debug("The class-data archive build of {} did not start: exit code {}", archive, p.exitValue());
        }
      });
      return true;
    } catch (IOException | RuntimeException e) {
      try {
        Files.deleteIfExists(marker);
      } catch (IOException ignored) {
        // a stale marker expires after the lease
      }
      LOG.debug("Could not start building the class-data archive {}: {}", archive, e.getMessage());
      return false;
    }
  }

  /**
   * Waits until no build of this archive runs (its marker is gone) or {@code timeout} passes; then
   * says whether the archive is ready. For benchmarks and tests, which need the archive built.
   */
  public boolean awaitBuild(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (Files.exists(sibling(".building")) && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    return ready();
  }

  /**
   * Deletes this home's archives for the same Java version that an earlier state of its jars or JVM
   * made (150-180 MB each, never mapped again), with their logs; other homes' archives stay.
   */
  private void removeSuperseded() {
    String name = archive.getFileName().toString();
    String prefix = name.substring(0, name.lastIndexOf('-') + 1);
    try (Stream<Path> files = Files.list(archive.getParent())) {
      for (Path file : files.toList()) {
        String other = file.getFileName().toString();
        if (other.startsWith(prefix) && !other.startsWith(name) && SUPERSEDED.matcher(other).matches()) {
          Files.deleteIfExists(file);
        }
      }
    } catch (IOException e) {
      LOG.debug("Could not remove superseded class-data archives next to {}: {}", archive, e.getMessage());
    }
  }

  /** The build's marker, taken atomically; an expired one (a build that died) is taken over. */
  private static boolean claim(Path marker) throws IOException {
    try {
      Files.writeString(marker, ProcessHandle.current().pid() + "\n", java.nio.file.StandardOpenOption.CREATE_NEW,
          java.nio.file.StandardOpenOption.WRITE);
      return true;
    } catch (FileAlreadyExistsException held) {
      if (recentlyModified(marker, BUILD_LEASE)) {
        return false;
      }
      Files.deleteIfExists(marker);
      return claim(marker);
    }
  }

  private static boolean recentlyModified(Path file, Duration within) {
    try {
      return Files.getLastModifiedTime(file).toInstant().isAfter(Instant.now().minus(within));
    } catch (IOException absent) {
      return false;
    }
  }

  private Path sibling(String suffix) {
    return archive.resolveSibling(archive.getFileName() + suffix);
  }

  /** The conf dir on the JVM's class path: empty, so it may be on an archived class path. */
  private Path emptyConfDir() throws IOException {
    Path dir = Files.createDirectories(cache.path().resolve("class-archives").resolve("empty-conf"));
    try (Stream<Path> entries = Files.list(dir)) {
      if (entries.findAny().isPresent()) {
        throw new IOException(dir + " is not empty");
      }
    }
    return dir;
  }

  /** {@link ClassArchiveTraining} alone in a jar: the training run's app resource. */
  private Path trainingJar() throws IOException {
    byte[] classFile = RuntimeResources.bytes(TRAINING_CLASS);
    Path jar = cache.path().resolve("class-archives").resolve("training-" + Sha256.hex(classFile).substring(0, 12) + ".jar");
    if (Files.isRegularFile(jar)) {
      return jar;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
    try (JarOutputStream out = new JarOutputStream(bytes, manifest)) {
      out.putNextEntry(new JarEntry(TRAINING_CLASS));
      out.write(classFile);
      out.closeEntry();
    }
    AtomicFiles.write(jar, bytes.toByteArray());
    return jar;
  }

  /** The home's jars and the JVM, by what the JVM itself checks before it maps an archive. */
  private static String identity(Path home, Path java) throws IOException {
    MessageDigest digest = Sha256.digest();
    Sha256.update(digest, home + "\n" + java + "\n");
    try (Stream<Path> jars = Files.list(home.resolve("jars"))) {
      for (Path jar : jars.sorted().toList()) {
        stamp(digest, jar);
      }
    }
    stamp(digest, java.resolve("release"));
    for (Path libjvm : List.of(java.resolve("lib/server/libjvm.so"), java.resolve("lib/server/libjvm.dylib"))) {
      if (Files.exists(libjvm)) {
        stamp(digest, libjvm);
      }
    }
    Sha256.update(digest, Sha256.hex(RuntimeResources.bytes(SCRIPT)) + Sha256.hex(RuntimeResources.bytes(TRAINING_CLASS)));
    return Sha256.hex(digest).substring(0, 16);
  }

  private static void stamp(MessageDigest digest, Path file) throws IOException {
    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
    Sha256.update(digest, file.getFileName() + " " + attributes.size() + " "
        + attributes.lastModifiedTime().toMillis() + "\n");
  }

  private static Optional<Integer> featureVersion(Path javaHome) throws IOException {
    Path release = javaHome.resolve("release");
    if (!Files.isRegularFile(release)) {
      return Optional.empty();
    }
    Matcher version = JAVA_VERSION.matcher(Files.readString(release));
    return version.find() ? Optional.of(Integer.parseInt(version.group(1))) : Optional.empty();
  }

  private static void option(StringBuilder options, String option) {
    if (options.length() > 0) {
      options.append(' ');
    }
    // Spark's launcher splits SPARK_SUBMIT_OPTS like a shell: quote a value with spaces
    options.append(option.contains(" ") ? "\"" + option + "\"" : option);
  }
}

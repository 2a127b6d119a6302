package dev.stepwise.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.stepwise.flavor.ComponentContext;
import dev.stepwise.operator.StepLog;
import dev.stepwise.s3.apps.S3ParquetRoundTrip;
import dev.stepwise.secret.SecretStore;
import dev.stepwise.spark.EmbeddedSparkHome;
import dev.stepwise.spark.SparkConfLayer;
import dev.stepwise.spark.SparkExplanation;
import dev.stepwise.spark.SparkOutcome;
import dev.stepwise.spark.SparkStepLaunch;
import dev.stepwise.spark.SparkStepOperatorConfig;
import dev.stepwise.spark.SparkStepRequest;
import dev.stepwise.spark.SparkSubmission;
import dev.stepwise.spark.SparkSubmissionPlanner;
import dev.stepwise.spark.SparkSubmitter;
import dev.stepwise.step.StepMetadata;
import dev.stepwise.support.ClassDirectoryJar;
import dev.stepwise.support.StepwiseCacheDir;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The io layer through a real {@code spark-submit} (the embedded Spark home, {@code local[2]},
 * client mode): Parquet round trip on s3proxy, while the argv of spark-submit and of every process
 * it starts is read from /proc again and again and must never hold the secret; nor may the log or
 * the explain output.
 */
class S3SparkSubmitTest {
  static S3TestServer server;
  // not a @TempDir: the embedded Spark home links into ~/.m2, and JUnit warns about each link it removes
  static Path cacheRoot;
  @TempDir Path configDir;

  @BeforeAll
  static void startServer() throws Exception {
    cacheRoot = Files.createTempDirectory("stepwise-s3-submit");
    server = S3TestServer.start();
    server.createBucket("submit");
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (server != null) {
      server.close();
    }
    try (Stream<Path> tree = Files.walk(cacheRoot)) {
      for (Path p : tree.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p); // removes links, never what they point to
      }
    }
  }

  @Test
  void sparkSubmitGetsCredentialsOnlyThroughItsEnvironment() throws Exception {
    assumeTrue(ProcessCommandLine.available(), "needs /proc to read spark-submit's argv (Linux)");
    new SecretStore(configDir).create("submit_creds", Map.of(
        S3Credentials.ACCESS_KEY_ID, S3TestServer.ACCESS_KEY, S3Credentials.SECRET_ACCESS_KEY, S3TestServer.SECRET_KEY));
    S3ArtifactStore store = new S3ArtifactStoreFlavor().create("submit_store",
        new S3ArtifactStoreConfig("s3://submit/stepwise", server.endpoint().toString(), null, null, "submit_creds"),
        new ComponentContext(configDir));
    store.verifyAccess();
    S3SparkIoLayer io = S3SparkIoLayer.forArtifactStore(store).orElseThrow();

    StepwiseCacheDir cache = new StepwiseCacheDir(cacheRoot.resolve("stepwise"));
    Path sparkHome = EmbeddedSparkHome.assemble(cache);
    Path testClasses = Path.of(S3ParquetRoundTrip.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path appJar = ClassDirectoryJar.pack(testClasses, cache);
    Path runtimeClasses = Path.of(S3ArtifactStore.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path runtimeJar = ClassDirectoryJar.pack(runtimeClasses, cache);
    StepMetadata step = new StepMetadata("roundTrip", S3ParquetRoundTrip.class.getName(), "main",
        S3ParquetRoundTrip.class.getName(), S3ParquetRoundTrip.class.getName(), "spark_step_operator",
        new StepMetadata.Resources(0, 0, ""), null, List.of(), "void");
    SparkStepRequest request = new SparkStepRequest("s3 pipeline", "run-1", step, appJar.toString(),
        List.of(runtimeJar.toString()),
        List.of(store.resolve("runs/run-1/steps/roundTrip/output/data/").toString(), "500", store.root().toString()),
        Map.of());
    SparkSubmission submission = new SparkSubmissionPlanner(SparkStepOperatorConfig.of("local[2]", "client"),
        SparkConfLayer.NONE, io, () -> cacheRoot.resolve("gpu.sh")).plan(request, S3ParquetRoundTrip.class.getName());
    List<String> secrets = List.of(S3TestServer.SECRET_KEY, S3TestServer.ACCESS_KEY);
    assertNoSecret(SparkExplanation.text(submission) + SparkExplanation.json(submission), secrets);

    Map<String, String> environment = new HashMap<>(io.environment());
    environment.put("JAVA_HOME", System.getProperty("java.home"));
    environment.put("SPARK_SCALA_VERSION", "2.13");
    List<String> logLines = new CopyOnWriteArrayList<>();
    StepLog log = (stream, line) -> logLines.add(line);
    SparkStepLaunch launch = SparkSubmitter.submit(submission, sparkHome, environment, log, Optional.empty(),
        cacheRoot.resolve("scratch"));

    AtomicInteger argvsRead = new AtomicInteger();
    ProcessHandle root = ProcessHandle.of(launch.childPid()).orElseThrow();
    while (root.isAlive()) {
      for (ProcessHandle p : Stream.concat(Stream.of(root), root.descendants()).toList()) {
        try {
          ProcessCommandLine.assertAbsent(ProcessCommandLine.argv(p.pid()), secrets);
          argvsRead.incrementAndGet();
        } catch (java.nio.file.NoSuchFileException | java.nio.file.AccessDeniedException gone) {
          // ended between listing and reading
        }
      }
      Thread.sleep(100);
    }
    SparkOutcome outcome = launch.awaitOutcome();
    String text = String.join("\n", logLines);
    assertTrue(outcome.succeeded(), () -> outcome + "\n" + text);
    assertTrue(argvsRead.get() > 0, "no argv was read while spark-submit ran");
    assertTrue(text.contains("rows=500 sum=249500"), text);
    assertNoSecret(text, secrets);
    assertEquals("{\"ok\":true}", new String(store.read(store.resolve("from-child.json")), StandardCharsets.UTF_8));
    try (Stream<Path> scratch = Files.exists(cacheRoot.resolve("scratch")) ? Files.walk(cacheRoot.resolve("scratch"))
        : Stream.empty()) {
      for (Path file : scratch.filter(Files::isRegularFile).toList()) {
        assertNoSecret(Files.readString(file), secrets);
      }
    }
  }

  private static void assertNoSecret(String text, List<String> secrets) {
    for (String secret : secrets) {
      assertFalse(text.contains(secret), "a secret value appears in output or files");
    }
  }
}

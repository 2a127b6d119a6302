package dev.stepwise.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.flavor.ComponentContext;
import dev.stepwise.s3.apps.S3ParquetRoundTrip;
import dev.stepwise.secret.SecretStore;
import dev.stepwise.testing.RealParts;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Spark {@code local[2]} job in a child JVM writes Parquet to the S3 store through s3a and
 * reads it back, configured only by the io layer: its keys as {@code -Dspark.*} (non-secret) and
 * the credentials in its environment. While it runs, its argv is read from /proc and must not hold
 * the secret.
 */
class S3SparkJobTest {
  static S3TestServer server;
  @TempDir Path configDir;
  @TempDir Path work;

  @BeforeAll
  static void startServer() throws Exception {
    server = S3TestServer.start();
    server.createBucket("lake");
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void sparkWritesAndReadsParquetOnS3WithCredentialsOnlyInTheEnvironment() throws Exception {
    RealParts.require("/proc", ProcessCommandLine.available(), "needs /proc to read the child's argv (Linux)");
    new SecretStore(configDir).create("lake_creds", Map.of(
        S3Credentials.ACCESS_KEY_ID, S3TestServer.ACCESS_KEY, S3Credentials.SECRET_ACCESS_KEY, S3TestServer.SECRET_KEY));
    S3ArtifactStore store = new S3ArtifactStoreFlavor().create("lake_store",
        new S3ArtifactStoreConfig("s3://lake/stepwise", server.endpoint().toString(), null, null, "lake_creds"),
        new ComponentContext(configDir));
    store.verifyAccess();
    S3SparkIo io = S3SparkIoConfiguration.forStore(store);

    // the artifact URI as the store hands it out (s3://), served by S3A through fs.s3.impl
    URI dataset = store.resolve("runs/r1/steps/numbers/output/data/");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmFlagsSparkNeeds());
    io.conf().forEach(s -> command.add("-D" + s.key() + "=" + s.value()));
    command.addAll(List.of("-Xmx512m", "-cp", System.getProperty("java.class.path"),
        S3ParquetRoundTrip.class.getName(), dataset.toString(), "1000", store.root().toString()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(work.resolve("child.log").toFile());
    builder.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
    builder.environment().putAll(io.environment());

    Process child = builder.start();
    try {
      List<String> argv = ProcessCommandLine.awaitArgv(child.toHandle(),
          a -> a.contains(S3ParquetRoundTrip.class.getName()), Duration.ofSeconds(30));
      ProcessCommandLine.assertAbsent(argv, List.of(S3TestServer.SECRET_KEY, S3TestServer.ACCESS_KEY));
      assertTrue(ProcessCommandLine.environment(child.pid()).contains("AWS_SECRET_ACCESS_KEY=" + S3TestServer.SECRET_KEY),
          "the secret reaches the job through its environment");
      assertTrue(child.waitFor(180, TimeUnit.SECONDS), "the Spark job did not finish in 180 s");
    } finally {
      child.destroyForcibly();
    }
    String output = Files.readString(work.resolve("child.log"), StandardCharsets.UTF_8);
    assertEquals(0, child.exitValue(), () -> "the Spark job failed:\n" + tail(output));
    assertTrue(output.contains("rows=1000 sum=999000"), () -> tail(output));
    assertTrue(!output.contains(S3TestServer.SECRET_KEY), "the job's log shows the secret");
    assertTrue(store.exists(store.resolve("runs/r1/steps/numbers/output/data/_SUCCESS")),
        "the Parquet files are in the S3 store, as the store sees it");
    assertEquals("{\"ok\":true}", new String(store.read(store.resolve("from-child.json")), StandardCharsets.UTF_8),
        "the child opened the store from its root URI with the io layer's environment");
  }

  private static List<String> jvmFlagsSparkNeeds() {
    return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.startsWith("--add-opens") || a.startsWith("-XX:+IgnoreUnrecognizedVMOptions")
            || a.startsWith("-Djdk.reflect") || a.startsWith("-Dio.netty"))
        .toList();
  }

  private static String tail(String text) {
    String[] lines = text.split("\n");
    return String.join("\n", java.util.Arrays.copyOfRange(lines, Math.max(0, lines.length - 60), lines.length));
  }
}

package dev.stepwise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.artifact.ArtifactStore;
import dev.stepwise.flavor.ComponentType;
import dev.stepwise.s3.ProcessCommandLine;
import dev.stepwise.spark.fixtures.SecretProbePipeline;
import dev.stepwise.stack.Stacks;
import dev.stepwise.stack.StepwiseEnvironment;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, part 1, as a user meets it: a {{name.key}} reference in the spark operator's
 * submit_kwargs (and in a run-time --conf) reaches the step's Spark session, and its value is on no
 * command line, in no file of the config dir or store but the secret store, in no log, and not in
 * {@code step explain} (text or JSON); Spark's own redaction covers the key.
 */
class SecretReferenceLeakTest {
  private static Path cache;
  @TempDir Path root;
  private final String secret = "S3CR3T-" + UUID.randomUUID();

  @BeforeAll
  static void privateCache() throws Exception {
    cache = Files.createTempDirectory("stepwise-secret-leak-cache");
    System.setProperty("stepwise.cacheDir", cache.toString());
  }

  @AfterAll
  static void restoreCache() {
    System.clearProperty("stepwise.cacheDir");
    System.clearProperty(SecretProbePipeline.RELEASE_PROPERTY);
  }

  record Result(int code, String out, String err) {
    String all() {
      return out + err;
    }
  }

  StepwiseEnvironment environment() {
    return new StepwiseEnvironment(Map.of(StepwiseEnvironment.CONFIG_DIR_VARIABLE, root.resolve("config").toString()),
        root, root);
  }

  Result stepwise(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(environment(), new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Result(code, out.toString(), err.toString());
  }

  Result ok(String... args) {
    Result r = stepwise(args);
    assertEquals(0, r.code(), () -> "`stepwise " + String.join(" ", args) + "`: " + r.all());
    return r;
  }

  void registerSecretStack(String master, String deployMode) {
    ok("secret", "create", "probe_secret", "--token=" + secret, "--user=alice");
    ok("step-operator", "register", "sec_spark", "--flavor=spark", "--master=" + master, "--deploy_mode=" + deployMode,
        "--submit_kwargs={\"spark.probe.token\":\"{{probe_secret.token}}\","
            + "\"spark.hadoop.fs.s3a.secret.key\":\"{{probe_secret.token}}\"}");
    ok("stack", "register", "sec_stack", "-o", "default", "-a", "default", "-s", "sec_spark");
  }

  @Test
  void aSecretInSubmitKwargsAndConfReachesSparkButNoArgvFileLogOrExplain() throws Exception {
    registerSecretStack("local[2]", "client");
    String classpath = System.getProperty("java.class.path");

    Result explain = ok("step", "explain", "probeSecretConf", "--classpath", classpath, "--stack", "sec_stack",
        "--conf", "spark.probe.other={{probe_secret.token}}");
    Result json = ok("step", "explain", "probeSecretConf", "--classpath", classpath, "--stack", "sec_stack",
        "--conf", "spark.probe.other={{probe_secret.token}}", "--json");
    for (Result r : List.of(explain, json)) {
      assertFalse(r.all().contains(secret), "step explain shows the secret:\n" + r.all());
      assertFalse(r.all().contains("{{probe_secret"), "step explain shows the reference as a value:\n" + r.all());
    }
    assertTrue(explain.out().contains("spark.hadoop.fs.s3a.secret.key") && explain.out().contains("***"), explain.out());
    assertTrue(json.out().contains("\"value\":\"***\"") || json.out().contains("\"value\" : \"***\""), json.out());
    assertTrue(explain.out().contains("spark.redaction.regex"), "Spark's redaction covers the secret keys: " + explain.out());

    Path release = Files.createDirectories(root.resolve("probe")).resolve("release");
    System.setProperty(SecretProbePipeline.RELEASE_PROPERTY, release.toString());
    CompletableFuture<Result> run = CompletableFuture.supplyAsync(() -> stepwise("pipeline", "run",
        SecretProbePipeline.class.getName(), "--classpath", classpath, "--stack", "sec_stack",
        "--conf", "spark.probe.other={{probe_secret.token}}"));
    awaitFile(release.resolveSibling("ready"), run);
    // the driver is alive and waiting: every process's argv, now
    List<String> scanned = scanAllCommandLines();
    assertTrue(scanned.stream().anyMatch(c -> c.contains("SparkSteps_ProbeSecretConfStepEntrypoint")),
        "the scan saw the step's spark-submit JVM");
    Files.writeString(release, "go");
    Result ran = run.get(5, TimeUnit.MINUTES);
    assertEquals(0, ran.code(), ran.all());
    assertFalse(ran.all().contains(secret), ran.all());

    String runId = onlyRunId();
    Result logs = ok("run", "logs", runId);
    assertFalse(logs.all().contains(secret), "the step log shows the secret");
    assertTrue(logs.out().contains("probe: raw=***"), "the step printed the value; the log masks it:\n" + logs.out());
    Result describe = ok("run", "describe", runId, "--json");
    assertFalse(describe.all().contains(secret), describe.all());
    String expectedHash = HexFormat.of().formatHex(
        MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
    String output = outputOf(runId);
    assertTrue(output.contains("sha256=" + expectedHash), "the secret reached the session: " + output);
    assertTrue(output.contains("redacted=*********(redacted)"), "Spark's own redaction masks the key: " + output);

    assertNoFileContains(root.resolve("config"), secret);
    assertNoFileContains(storeRoot(), secret);
  }

  @Test
  void standaloneClusterModeIsRefusedBeforeLaunchNamingClientMode() {
    registerSecretStack("spark://127.0.0.1:1", "cluster");
    Result r = stepwise("step", "explain", "probeSecretConf", "--classpath", System.getProperty("java.class.path"),
        "--stack", "sec_stack");
    assertTrue(r.code() != 0, r.all());
    assertTrue(r.err().contains("cluster deploy mode") && r.err().contains("--deploy_mode=client"), r.all());
    assertFalse(r.all().contains(secret), r.all());
  }

  @Test
  void aSecretInAKeySparkReadsBeforeTheSessionIsRefused() {
    ok("secret", "create", "probe_secret", "--token=" + secret);
    ok("step-operator", "register", "sec_spark", "--flavor=spark", "--master=local[2]", "--deploy_mode=client",
        "--submit_kwargs={\"spark.driver.extraJavaOptions\":\"-Dtoken={{probe_secret.token}}\"}");
    ok("stack", "register", "sec_stack", "-o", "default", "-a", "default", "-s", "sec_spark");
    Result r = stepwise("pipeline", "run", SecretProbePipeline.class.getName(), "--classpath",
        System.getProperty("java.class.path"), "--stack", "sec_stack");
    assertTrue(r.code() != 0, r.all());
    assertTrue(r.all().contains("spark.driver.extraJavaOptions") && r.all().contains("environment variable"), r.all());
    assertFalse(r.all().contains(secret), r.all());
  }

  private Path storeRoot() {
    return Path.of(store().root());
  }

  private ArtifactStore store() {
    return Stacks.active(environment()).require(ComponentType.ARTIFACT_STORE, ArtifactStore.class);
  }

  private String onlyRunId() throws IOException {
    return new dev.stepwise.orchestrator.RunStore(store()).list().get(0).runId();
  }

  private String outputOf(String runId) throws IOException {
    try (Stream<Path> files = Files.walk(storeRoot().resolve("runs").resolve(runId))) {
      List<Path> all = files.filter(Files::isRegularFile).toList();
      StringBuilder text = new StringBuilder();
      for (Path file : all) {
        String content = Files.readString(file, StandardCharsets.ISO_8859_1);
        if (content.contains("sha256=")) {
          text.append(content);
        }
      }
      return text.toString();
    }
  }

  static void awaitFile(Path file, CompletableFuture<?> running) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (!Files.exists(file)) {
      if (running.isDone() || System.nanoTime() > deadline) {
        throw new AssertionError("the step never got ready: " + running.getNow(null));
      }
      Thread.sleep(20);
    }
  }

  /** Every readable /proc/<pid>/cmdline; fails naming the pid when one holds the secret. */
  private List<String> scanAllCommandLines() throws IOException {
    List<String> lines = new ArrayList<>();
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path proc : procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
        List<String> argv;
        try {
          argv = ProcessCommandLine.argv(Long.parseLong(proc.getFileName().toString()));
        } catch (IOException gone) {
          continue;
        }
        String line = String.join(" ", argv);
        assertFalse(line.contains(secret), "the secret is on the command line of pid " + proc.getFileName());
        lines.add(line);
      }
    }
    return lines;
  }

  /** No file under {@code dir} holds the value, except the secret store itself. */
  static void assertNoFileContains(Path dir, String value) throws IOException {
    byte[] needle = value.getBytes(StandardCharsets.UTF_8);
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        if (file.getFileName().toString().equals(dev.stepwise.secret.SecretStore.FILE_NAME)) {
          continue;
        }
        String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        assertFalse(content.contains(new String(needle, StandardCharsets.ISO_8859_1)), "the secret is in " + file);
      }
    }
  }
}

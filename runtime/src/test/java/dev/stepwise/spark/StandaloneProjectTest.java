package dev.stepwise.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.artifact.ArtifactStorage;
import dev.stepwise.artifact.ArtifactStore;
import dev.stepwise.artifact.Materializers;
import dev.stepwise.flavor.ComponentType;
import dev.stepwise.operator.StepState;
import dev.stepwise.orchestrator.RunRecord;
import dev.stepwise.orchestrator.RunState;
import dev.stepwise.orchestrator.RunStore;
import dev.stepwise.orchestrator.StepRecord;
import dev.stepwise.s3.ProcessCommandLine;
import dev.stepwise.s3.S3TestServer;
import dev.stepwise.spark.fixtures.ClusterProjectPipeline;
import dev.stepwise.stack.Stacks;
import dev.stepwise.stack.StepwiseEnvironment;
import dev.stepwise.support.DirectoryTrees;
import dev.stepwise.testing.RealParts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A user's own project on a standalone cluster, the way the cluster issue tried it: a master and
 * worker started with the sbin scripts of the Spark home {@code stepwise spark-home} prints, an S3
 * store on s3proxy, and {@code stepwise pipeline run} of a Spark SQL step, a Spark ML step whose
 * model goes on, and a step scoring it, with a {@code Dataset<Row>} between them, in client mode
 * and in cluster mode. The worker has no credentials of its own: its executors read and write S3
 * with the application's, which never stand on any command line or in anything stored.
 */
class StandaloneProjectTest {
  private static final List<String> SECRETS = List.of(S3TestServer.SECRET_KEY, S3TestServer.ACCESS_KEY);
  private static final String BUCKET = "lake";
  private static Path dir;
  private static StandaloneSparkCluster cluster;
  private static S3TestServer s3;

  @BeforeAll
  static void startClusterAndStore() throws Exception {
    RealParts.require("/proc", ProcessCommandLine.available(), "needs /proc to read every process's argv (Linux)");
    dir = Files.createTempDirectory("stepwise-standalone-project");
    Process home = cli("spark-home.log", "spark-home");
    assertTrue(home.waitFor(120, TimeUnit.SECONDS), "stepwise spark-home did not return");
    assertEquals(0, home.exitValue(), read("spark-home.log"));
    Path sparkHome = Path.of(read("spark-home.log").strip());
    assertEquals(SparkTestFixtures.sparkHome(), sparkHome, "the CLI prints the home steps use");
    cluster = StandaloneSparkCluster.start(sparkHome, dir.resolve("cluster"));
    s3 = S3TestServer.start();
    s3.createBucket(BUCKET);

    ok("secret", "create", "lake_creds", "--aws_access_key_id=" + S3TestServer.ACCESS_KEY,
        "--aws_secret_access_key=" + S3TestServer.SECRET_KEY);
    ok("artifact-store", "register", "lake", "--flavor=s3", "--path=s3://" + BUCKET + "/stepwise",
        "--endpoint=" + s3.endpoint(), "--authentication_secret=lake_creds");
    for (String mode : List.of("client", "cluster")) {
      ok("step-operator", "register", "sa_" + mode, "--flavor=spark", "--master=" + cluster.masterUrl(),
          "--deploy_mode=" + mode, "--master_web_ui_url=" + cluster.webUiUrl(), "--master_rest_url=" + cluster.restUrl());
      ok("stack", "register", mode + "_stack", "-o", "default", "-a", "lake", "-s", "sa_" + mode);
    }
  }

  @AfterAll
  static void stopClusterAndStore() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
    if (s3 != null) {
      s3.close();
    }
    DirectoryTrees.delete(dir);
  }

  @Test
  void theProjectRunsInClientModeWithExecutorsOnTheWorkerAndTheS3Store() throws Exception {
    runProject("client");
  }

  @Test
  void theProjectRunsInClusterModeWithDriverAndExecutorsOnTheWorkerAndTheS3Store() throws Exception {
    String runId = runProject("cluster");

    // the same project on the client-mode stack: nothing that shapes a result changed, so the step
    // cache in the shared S3 store gives every output back and nothing is submitted again
    Process again = cli("cached-run.log", "pipeline", "run", ClusterProjectPipeline.class.getName(),
        "--stack", "client_stack");
    assertTrue(again.waitFor(300, TimeUnit.SECONDS), "the cached run did not end: " + read("cached-run.log"));
    assertEquals(0, again.exitValue(), read("cached-run.log"));
    RunRecord cached = runs("client_stack").list().stream().filter(r -> r.pipeline().equals("cluster_project"))
        .filter(r -> read("cached-run.log").contains(r.runId())).findFirst().orElseThrow();
    for (StepRecord step : cached.steps()) {
      assertEquals(StepState.CACHED, step.state(), cached.toString());
      assertEquals(Optional.of(runId), step.cache().flatMap(c -> c.fromRun()), cached.toString());
    }
  }

  @Test
  void aStepFailingInAClusterModeDriverIsRecordedWithItsOwnReason() throws Exception {
    Process run = cli("no-points.log", "pipeline", "run", ClusterProjectPipeline.NoPoints.class.getName(),
        "--stack", "cluster_stack");
    assertTrue(run.waitFor(300, TimeUnit.SECONDS), "the pipeline did not end: " + read("no-points.log"));
    assertNotEquals(0, run.exitValue(), read("no-points.log"));
    RunRecord record = runs("cluster_stack").list().stream()
        .filter(r -> r.pipeline().equals("cluster_project_no_points")).findFirst().orElseThrow();
    assertEquals(RunState.FAILED, record.state(), record.toString());
    StepRecord step = record.step("selectPoints").orElseThrow();
    assertEquals(StepState.FAILED, step.state(), record.toString());
    String reason = step.error().map(e -> e.exceptionClass() + ": " + e.message()).orElse("");
    assertTrue(reason.contains("points must be positive, was 0"), "the record names the driver's exception: " + record
        + "\n" + driverOutput());
    assertTrue(read("no-points.log").contains("points must be positive, was 0"), read("no-points.log"));
  }

  /** Runs the project on MODE's stack, every step for real (--no-cache), checks it, and returns its run id. */
  private String runProject(String mode) throws Exception {
    CommandLineWatch watch = CommandLineWatch.start(SECRETS);
    Process run;
    try {
      run = cli(mode + "-run.log", "pipeline", "run", ClusterProjectPipeline.class.getName(), "--stack", mode + "_stack",
          "--no-cache");
      assertTrue(run.waitFor(600, TimeUnit.SECONDS), "the pipeline did not end: " + read(mode + "-run.log"));
    } finally {
      watch.stop();
    }
    RunStore runs = runs(mode + "_stack");
    RunRecord record = runs.list().stream().filter(r -> r.pipeline().equals("cluster_project"))
        .filter(r -> read(mode + "-run.log").contains(r.runId())).findFirst()
        .orElseThrow(() -> new AssertionError("no run of " + mode + "-run.log: " + read(mode + "-run.log")));
    assertEquals(RunState.COMPLETED, record.state(), read(mode + "-run.log") + "\n" + record + "\n" + driverOutput());
    assertEquals(0, run.exitValue(), read(mode + "-run.log"));

    // the model went from the ML step to the scoring step, which measured it on the SQL step's Dataset
    ArtifactStore store = stack(mode + "_stack");
    double accuracy = (Double) new ArtifactStorage(store, Materializers.discover())
        .load(record.step("scoreModel").orElseThrow().output().orElseThrow(), Double.class);
    assertTrue(accuracy > 0.9, "accuracy " + accuracy);
    String logs = runs.logs(record.runId(), Optional.of("fitModel"));
    assertTrue(logs.contains("fitted: coefficients"), "the driver's output is in the step log: " + logs);

    // the executors ran on the worker, and read the Dataset from S3 with credentials in their environment
    assertFalse(watch.executors().isEmpty(), "no executor was seen on the worker");
    assertTrue(watch.executorsWithCredentials() > 0, "no executor had the application's credentials in its environment");
    watch.assertNoSecretOnAnyCommandLine();
    try (S3Client client = s3.client()) {
      List<S3Object> objects = client.listObjectsV2Paginator(b -> b.bucket(BUCKET)).contents().stream().toList();
      assertTrue(objects.stream().anyMatch(o -> o.key().contains(record.runId()) && o.key().endsWith(".parquet")),
          "the Dataset is Parquet in S3: " + objects);
      for (S3Object object : objects) {
        String content = client.getObjectAsBytes(b -> b.bucket(BUCKET).key(object.key()))
            .asString(StandardCharsets.ISO_8859_1);
        assertNoSecret(content, "the stored object " + object.key());
      }
    }
    assertNoSecretInFiles(cluster.workDir(), "the worker's directories (driver and executor logs)");
    assertNoSecretInFiles(dir.resolve("cluster").resolve("logs"), "the master's and worker's logs");
    assertNoSecret(read(mode + "-run.log"), "the CLI's output");
    return record.runId();
  }

  private static RunStore runs(String stack) {
    return new RunStore(stack(stack));
  }

  /** The stack's S3 store, opened the way a user's own Java code opens it. */
  private static ArtifactStore stack(String name) {
    Path config = dir.resolve("config");
    StepwiseEnvironment environment = new StepwiseEnvironment(
        Map.of(StepwiseEnvironment.CONFIG_DIR_VARIABLE, config.toString()), config, config);
    return Stacks.named(name, environment).require(ComponentType.ARTIFACT_STORE, ArtifactStore.class);
  }

  private static void assertNoSecret(String text, String where) {
    for (String secret : SECRETS) {
      assertFalse(text.contains(secret), "a secret value appears in " + where);
    }
  }

  private static void assertNoSecretInFiles(Path root, String where) throws IOException {
    if (!Files.isDirectory(root)) {
      return;
    }
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(Files::isRegularFile).filter(f -> !f.toString().endsWith(".jar")).toList()) {
        assertNoSecret(Files.readString(file, StandardCharsets.ISO_8859_1), where + ": " + file);
      }
    }
  }

  /**
   * Reads every process's argv while a run runs: none may hold a secret. Also notes the Spark
   * executors it sees, and whether each had the credentials in its environment (the channel).
   */
  private static final class CommandLineWatch {
    private final List<String> secrets;
    private final Set<String> leaks = ConcurrentHashMap.newKeySet();
    private final Set<Long> executors = ConcurrentHashMap.newKeySet();
    private final Set<Long> credentialed = ConcurrentHashMap.newKeySet();
    private final Thread thread;
    private volatile boolean running = true;

    private CommandLineWatch(List<String> secrets) {
      this.secrets = secrets;
      this.thread = new Thread(this::scan, "command-line-watch");
      thread.setDaemon(true);
    }

    static CommandLineWatch start(List<String> secrets) {
      CommandLineWatch watch = new CommandLineWatch(secrets);
      watch.thread.start();
      return watch;
    }

    private void scan() {
      while (running) {
        ProcessHandle.allProcesses().forEach(p -> {
          try {
            String line = String.join(" ", ProcessCommandLine.argv(p.pid()));
            for (String secret : secrets) {
              if (line.contains(secret)) {
                leaks.add("pid " + p.pid() + ": " + line.replace(secret, "<SECRET>"));
              }
            }
            if (line.contains("CoarseGrainedExecutorBackend") && executors.add(p.pid())) {
              if (ProcessCommandLine.environment(p.pid()).stream()
                  .anyMatch(v -> v.equals("AWS_SECRET_ACCESS_KEY=" + S3TestServer.SECRET_KEY))) {
                credentialed.add(p.pid());
              }
            }
          } catch (IOException gone) {
            // ended, or not ours, between listing and reading
          }
        });
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    void stop() throws InterruptedException {
      running = false;
      thread.join(10_000);
    }

    Set<Long> executors() {
      return executors;
    }

    int executorsWithCredentials() {
      return credentialed.size();
    }

    void assertNoSecretOnAnyCommandLine() {
      assertEquals(Set.of(), leaks, "a secret stood on a command line");
    }
  }

  private static void ok(String... args) throws Exception {
    CliJvm.ok(dir.resolve("config"), dir, args);
  }

  /** {@code stepwise ARGS} as its own JVM, as a user runs it, with no SPARK_* or AWS_* of this JVM. */
  private static Process cli(String log, String... args) throws IOException {
    return CliJvm.startClean(dir.resolve("config"), dir, log, args);
  }

  /** The cluster-mode drivers' stderr from the worker, for a failure message. */
  private static String driverOutput() {
    try (var files = Files.walk(cluster.workDir())) {
      StringBuilder text = new StringBuilder();
      for (Path p : files.filter(p -> p.getFileName().toString().equals("stderr")).toList()) {
        String content = Files.readString(p);
        text.append(p).append(":\n").append(content, Math.max(0, content.length() - 4000), content.length()).append('\n');
      }
      return text.toString();
    } catch (Exception e) {
      return "(no driver output: " + e + ")";
    }
  }

  private static String read(String log) {
    try {
      return Files.readString(dir.resolve(log));
    } catch (Exception e) {
      return "(no " + log + ")";
    }
  }
}

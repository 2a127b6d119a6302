package dev.stepwise.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.cli.Main;
import dev.stepwise.stack.StepwiseEnvironment;
import dev.stepwise.testing.ClosedPort;
import dev.stepwise.testing.RealParts;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Issue 6 end to end, through {@code stepwise} as a user types it, on s3proxy (127.0.0.1) and real
 * Spark local[*] through the built-in {@code local_spark} operator: a Spark step writes a
 * {@code Dataset<Row>} to the S3 store, the next Spark step reads it back, an in-process step checks
 * the JSON result; runs are listed, described and their logs read over S3; the secret is never in an
 * argv, explain output, a log, stacks.json or anything stored in the bucket. Bad credentials, a
 * missing bucket and an unreachable endpoint fail before a run is recorded.
 */
class S3PipelineTest {
  static final List<String> SECRETS = List.of(S3TestServer.SECRET_KEY, S3TestServer.ACCESS_KEY);
  static S3TestServer server;
  static Path root;
  static Path config;
  static String previousCacheDir;

  @BeforeAll
  static void registerS3Stack() throws Exception {
    root = Files.createTempDirectory("stepwise-s3-pipeline");
    config = Files.createDirectories(root.resolve("config"));
    previousCacheDir = System.getProperty("stepwise.cacheDir");
    System.setProperty("stepwise.cacheDir", root.resolve("cache").toString());
    server = S3TestServer.start();
    server.createBucket("runs");
    server.createBucket("guarded");

    ok("secret", "create", "s3_creds", "--aws_access_key_id=" + S3TestServer.ACCESS_KEY,
        "--aws_secret_access_key=" + S3TestServer.SECRET_KEY);
    // a reference in a stored config value, resolved only when the store is created for use
    ok("secret", "create", "s3_endpoint", "--url=" + server.endpoint());
    ok("artifact-store", "register", "s3_store", "--flavor=s3", "--path=s3://runs/stepwise",
        "--endpoint={{s3_endpoint.url}}", "--authentication_secret=s3_creds");
    ok("stack", "register", "s3_stack", "-o", "default", "-a", "s3_store", "-s", "local_spark", "--set");
  }

  @AfterAll
  static void stop() throws Exception {
    if (previousCacheDir == null) {
      System.clearProperty("stepwise.cacheDir");
    } else {
      System.setProperty("stepwise.cacheDir", previousCacheDir);
    }
    if (server != null) {
      server.close();
    }
    try (Stream<Path> tree = Files.walk(root)) {
      for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p); // the embedded Spark home links into ~/.m2: remove links, not targets
      }
    }
  }

  record Result(int code, String out, String err) {
    String all() {
      return out + err;
    }
  }

  static Result stepwise(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    StepwiseEnvironment environment = new StepwiseEnvironment(
        Map.of(StepwiseEnvironment.CONFIG_DIR_VARIABLE, config.toString()), root, root);
    int code = Main.run(environment, new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Result(code, out.toString(), err.toString());
  }

  static Result ok(String... args) {
    Result result = stepwise(args);
    assertEquals(0, result.code(), () -> String.join(" ", args) + "\n" + result.all());
    return result;
  }

  static void assertNoSecret(String text, String where) {
    for (String secret : SECRETS) {
      assertFalse(text.contains(secret), "a secret value appears in " + where);
    }
  }

  @Test
  void sparkStepsShareADatasetThroughS3AndTheSecretStaysHidden() throws Exception {
    RealParts.require("/proc", ProcessCommandLine.available(), "needs /proc to read spark-submit's argv (Linux)");
    Result explained = ok("step", "explain", "writeRows");
    // the endpoint was registered as {{s3_endpoint.url}}: a value from a secret is shown masked
    assertTrue(explained.out().lines().anyMatch(l -> l.contains("spark.hadoop.fs.s3a.endpoint ")
        && l.contains("= ***") && l.contains("io:s3")), explained.out());
    assertFalse(explained.out().contains(server.endpoint().toString()), explained.out());
    assertTrue(explained.out().contains(S3SparkIoConfiguration.ENVIRONMENT_PROVIDER), explained.out());
    assertNoSecret(explained.all(), "step explain");

    CompletableFuture<Result> running = CompletableFuture.supplyAsync(() -> stepwise("pipeline", "run",
        "dev.stepwise.s3.fixtures.S3SparkPipeline", "--classpath", System.getProperty("java.class.path")));
    int sparkSubmitsSeen = 0;
    while (!running.isDone()) {
      for (ProcessHandle p : ProcessHandle.current().descendants().toList()) {
        try {
          List<String> argv = ProcessCommandLine.argv(p.pid());
          ProcessCommandLine.assertAbsent(argv, SECRETS);
          if (argv.stream().anyMatch(a -> a.contains("SparkSubmit") || a.endsWith("spark-submit"))) {
            sparkSubmitsSeen++;
          }
        } catch (NoSuchFileException | AccessDeniedException gone) {
          // ended between listing and reading
        }
      }
      Thread.sleep(50);
    }
    Result ran = running.get(5, TimeUnit.MINUTES);
    assertEquals(0, ran.code(), ran.all());
    assertTrue(sparkSubmitsSeen > 0, "no spark-submit argv was read while the run ran");
    Matcher id = Pattern.compile("Started run (\\S+)").matcher(ran.out());
    assertTrue(id.find(), ran.out());
    String runId = id.group(1);

    Result list = ok("run", "list");
    assertTrue(list.out().contains(runId) && list.out().contains("COMPLETED"), list.out());
    Result describe = ok("run", "describe", runId);
    assertTrue(describe.out().contains("COMPLETED") && describe.out().contains("sumRows"), describe.out());
    Result logs = ok("run", "logs", runId);
    assertTrue(logs.out().contains("writing 1000 rows") && logs.out().contains("read rows=1000 sum=999000")
        && logs.out().contains("checked sum 999000"), logs.out());
    for (Result r : List.of(ran, list, describe, logs)) {
      assertNoSecret(r.all(), "CLI output");
    }

    String stacks = Files.readString(config.resolve("stacks.json"));
    assertTrue(stacks.contains("{{s3_endpoint.url}}"), "the stored config keeps the reference: " + stacks);
    assertNoSecret(stacks, "stacks.json");
    try (S3Client client = server.client()) {
      List<S3Object> objects = client.listObjectsV2Paginator(b -> b.bucket("runs")).contents().stream().toList();
      assertTrue(objects.stream().anyMatch(o -> o.key().endsWith(".parquet")), "the Dataset is Parquet in S3");
      for (S3Object object : objects) {
        String content = client.getObjectAsBytes(b -> b.bucket("runs").key(object.key()))
            .asString(StandardCharsets.ISO_8859_1);
        assertNoSecret(content, "the stored object " + object.key());
      }
    }
  }

  @Test
  void aStepJvmOfTheLocalStepOperatorOpensTheS3StoreFromItsEnvironment() throws Exception {
    ok("step-operator", "register", "local_ops", "--flavor=local");
    ok("stack", "register", "s3_local", "-o", "default", "-a", "s3_store", "-s", "local_ops");
    Result ran = stepwise("pipeline", "run", "dev.stepwise.fixtures.OpsPipeline", "--stack", "s3_local",
        "--classpath", System.getProperty("java.class.path"));
    assertEquals(0, ran.code(), ran.all());
    Matcher id = Pattern.compile("Started run (\\S+)").matcher(ran.out());
    assertTrue(id.find(), ran.out());
    Result describe = ok("run", "describe", id.group(1), "--stack", "s3_local");
    assertTrue(describe.out().contains("COMPLETED") && describe.out().contains("local_ops"), describe.out());
    assertNoSecret(ran.all() + describe.all(), "CLI output");
  }

  @Test
  void unusableStoresFailBeforeARunIsRecorded() throws Exception {
    ok("secret", "create", "wrong_creds", "--aws_access_key_id=" + S3TestServer.ACCESS_KEY,
        "--aws_secret_access_key=not-the-key");
    ok("artifact-store", "register", "wrong_keys", "--flavor=s3", "--path=s3://guarded/stepwise",
        "--endpoint=" + server.endpoint(), "--authentication_secret=wrong_creds");
    ok("artifact-store", "register", "no_bucket", "--flavor=s3", "--path=s3://absent-bucket/stepwise",
        "--endpoint=" + server.endpoint(), "--authentication_secret=s3_creds");
    try (ClosedPort closed = ClosedPort.reserve()) {
      int closedPort = closed.port();
      ok("artifact-store", "register", "unreachable", "--flavor=s3", "--path=s3://runs/stepwise",
          "--endpoint=http://127.0.0.1:" + closedPort, "--authentication_secret=s3_creds");

      List<String> failures = new ArrayList<>();
      for (String store : List.of("wrong_keys", "no_bucket", "unreachable")) {
        ok("stack", "register", store + "_stack", "-o", "default", "-a", store);
        Result run = stepwise("pipeline", "run", "dev.stepwise.fixtures.NumbersPipeline", "--stack", store + "_stack",
            "--classpath", System.getProperty("java.class.path"));
        assertEquals(1, run.code(), run.all());
        assertFalse(run.out().contains("Started run"), run.all());
        assertNoSecret(run.all(), "the error");
        failures.add(run.err());
      }
      assertTrue(failures.get(0).contains("rejected the credentials") && failures.get(0).contains("wrong_creds")
          && failures.get(0).contains("stepwise secret update wrong_creds"), failures.get(0));
      assertTrue(failures.get(1).contains("bucket 'absent-bucket'") && failures.get(1).contains("does not exist"),
          failures.get(1));
      assertTrue(failures.get(2).contains("127.0.0.1:" + closedPort) && failures.get(2).contains("--endpoint="),
          failures.get(2));

      try (S3Client client = server.client()) {
        assertEquals(0, client.listObjectsV2(b -> b.bucket("guarded")).keyCount(), "nothing written with bad keys");
        try {
          client.headBucket(b -> b.bucket("absent-bucket"));
          throw new AssertionError("the missing bucket was created");
        } catch (NoSuchBucketException expected) {
          // still absent
        } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
          assertEquals(404, e.statusCode());
        }
      }
      Result list = stepwise("run", "list", "--stack", "wrong_keys_stack");
      assertEquals(1, list.code(), list.all());
      assertTrue(list.err().contains("rejected the credentials"), list.all());
    }
  }
}

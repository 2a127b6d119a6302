package dev.stepwise.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.artifact.ArtifactStorage;
import dev.stepwise.artifact.ArtifactStore;
import dev.stepwise.artifact.Materializers;
import dev.stepwise.flavor.ComponentType;
import dev.stepwise.image.LocalDockerRegistry;
import dev.stepwise.operator.StepState;
import dev.stepwise.orchestrator.RunRecord;
import dev.stepwise.orchestrator.RunState;
import dev.stepwise.orchestrator.RunStore;
import dev.stepwise.orchestrator.StepRecord;
import dev.stepwise.s3.ProcessCommandLine;
import dev.stepwise.s3.S3TestServer;
import dev.stepwise.spark.CliJvm;
import dev.stepwise.spark.SparkTestFixtures;
import dev.stepwise.spark.fixtures.ClusterProjectPipeline;
import dev.stepwise.spark.fixtures.ResumePipeline;
import dev.stepwise.stack.Stacks;
import dev.stepwise.stack.StepwiseEnvironment;
import dev.stepwise.support.DirectoryTrees;
import dev.stepwise.testing.RealParts;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The user's project on Kubernetes through the CLI, with pods that really run: {@code stepwise
 * pipeline run} in its own JVM on a {@code spark-kubernetes} stack whose master is the API double,
 * images pushed with Jib to docker-registry, the S3 store on s3proxy, and the {@link ProcessKubelet}
 * running the driver and executor pods Spark creates from the image's own layers.
 */
class KubernetesPipelineTest {
  private static final String NS = "spark-jobs";
  private static final String BUCKET = "lake";
  private static final String STACK = "k8s_stack";
  private static final List<String> SECRETS = List.of(S3TestServer.SECRET_KEY);
  /** Safety nets only: every wait below ends on a condition, these are for a machine at load 8. */
  private static final Duration RUN_DEADLINE = Duration.ofMinutes(20);
  private static final Duration STEP_DEADLINE = Duration.ofMinutes(8);
  private static final Pattern TIMESTAMPED = Pattern.compile("^[0-9]{2}:[0-9]{2}:[0-9]{2} [A-Z]+ ");
  private static final Pattern STARTED = Pattern.compile("Started run (\\S+)");

  private static boolean started;
  private static Path dir;
  private static LocalDockerRegistry registry;
  private static MockKubernetes kube;
  private static ProcessKubelet kubelet;
  private static S3TestServer s3;

  @BeforeEach
  void parts() throws Exception {
    RealParts.require("/proc", ProcessCommandLine.available(), "needs /proc to read every process's argv (Linux)");
    Path registryBinary = RealParts.require("docker-registry", LocalDockerRegistry.executable(),
        LocalDockerRegistry.INSTALL_HINT);
    Optional<String> noKubelet = ProcessKubelet.unavailable();
    RealParts.require("process kubelet", noKubelet.isEmpty(), noKubelet.orElse(""));
    synchronized (KubernetesPipelineTest.class) {
      if (!started) {
        started = true;
        startEverything(registryBinary);
      }
    }
  }

  private static void startEverything(Path registryBinary) throws Exception {
    dir = Files.createTempDirectory("stepwise-k8s-pipeline");
    registry = LocalDockerRegistry.start(registryBinary, dir.resolve("registry"));
    kube = new MockKubernetes();
    kubelet = ProcessKubelet.start(kube, SparkTestFixtures.sparkHome(), Path.of(System.getProperty("java.home")),
        dir.resolve("kubelet"));
    s3 = S3TestServer.start();
    s3.createBucket(BUCKET);

    ok("secret", "create", "lake_creds", "--aws_access_key_id=" + S3TestServer.ACCESS_KEY,
        "--aws_secret_access_key=" + S3TestServer.SECRET_KEY);
    ok("artifact-store", "register", "lake", "--flavor=s3", "--path=s3://" + BUCKET + "/stepwise",
        "--endpoint=" + s3.endpoint(), "--authentication_secret=lake_creds");
    // one executor per step: the machine has 2 cores for the CLI, a driver and its executors
    ok("step-operator", "register", "k8s", "--flavor=spark-kubernetes", "--master=" + kubelet.sparkMaster(),
        "--namespace=" + NS, "--service_account=spark", "--submit_kwargs={\"spark.executor.instances\": \"1\"}");
    ok("container-registry", "register", "local_registry", "--flavor=default", "--uri=" + registry.hostPort(),
        "--insecure=true", "--reachable_from_cluster=true");
    // the kubelet's host stands in for the Spark parent image; the step's image carries only Stepwise's layers
    ok("image-builder", "register", "jib", "--flavor=local", "--parent_image=scratch");
    ok("stack", "register", STACK, "-o", "default", "-a", "lake", "-s", "k8s", "-c", "local_registry", "-i", "jib");
  }

  @AfterAll
  static void stopEverything() throws Exception {
    if (kubelet != null) {
      kubelet.close();
    }
    if (kube != null) {
      kube.close();
    }
    if (registry != null) {
      registry.close();
    }
    if (s3 != null) {
      s3.close();
    }
    if (dir != null) {
      DirectoryTrees.delete(dir);
    }
  }

  @Test
  void theProjectRunsInDriverAndExecutorPodsWithItsDatasetInS3AndLiveLogs() throws Exception {
    CommandLineWatch watch = CommandLineWatch.start();
    Process run;
    String runId;
    try {
      // every step runs, whatever an earlier test left in the step cache
      run = cli("project.log", "pipeline", "run", ClusterProjectPipeline.class.getName(), "--stack", STACK,
          "--no-cache");
      runId = awaitRunId(run, "project.log");

      // the step's log, followed from another process, shows the driver's output while the driver runs
      Process follow = cli("follow.log", "run", "logs", runId, "--step", "selectPoints", "--follow", "--stack", STACK);
      KubeletPod driver = await("the driver pod of selectPoints runs", () -> driverOf(runId, "selectPoints")
          .filter(p -> p.process().isPresent()), run, "project.log");
      // the driver's own log lines carry the time the driver pod wrote them, unlike the same warnings
      // spark-submit printed earlier while submitting. Once it has written one, the driver is held
      // (SIGSTOP) until the followed log shows it: how fast the follow catches up is no race with the
      // driver's end on a loaded machine
      await("the driver pod writes its own log lines", () -> readFile(driver.file()).lines()
          .filter(l -> TIMESTAMPED.matcher(l).find()).findFirst(), run, "project.log");
      List<ProcessHandle> held = driver.processes();
      signal("STOP", held);
      try {
        await("the followed log shows the driver's output while its process runs", () -> {
          Set<String> followed = Set.copyOf(read("follow.log").lines().toList());
          return readFile(driver.file()).lines().filter(l -> TIMESTAMPED.matcher(l).find())
              .filter(l -> followed.stream().anyMatch(f -> f.endsWith(l))).findFirst()
              .filter(l -> driver.exitCode().isEmpty() && !driver.processes().isEmpty());
        }, run, "project.log");
      } finally {
        signal("CONT", held);
      }
      assertTrue(run.waitFor(RUN_DEADLINE.toSeconds(), TimeUnit.SECONDS), "the pipeline did not end: "
          + read("project.log"));
      assertTrue(follow.waitFor(60, TimeUnit.SECONDS), "run logs --follow did not end with the run: "
          + read("follow.log"));
    } finally {
      watch.stop();
    }
    RunRecord record = runs().read(runId).orElseThrow().record();
    assertEquals(RunState.COMPLETED, record.state(), read("project.log") + "\n" + record + "\n" + podLogs(runId));
    assertEquals(0, run.exitValue(), read("project.log"));

    for (String step : List.of("selectPoints", "fitModel", "scoreModel")) {
      KubeletPod driver = driverOf(runId, step).orElseThrow(() -> new AssertionError("no driver pod ran " + step));
      // the driver pod ran the step's generated entrypoint, from the app jar in the image's own layers
      String entrypoint = record.step(step).orElseThrow().toString();
      List<String> command = driver.command();
      assertEquals("/opt/spark/bin/spark-submit", command.get(0), command.toString());
      String mainClass = command.get(command.indexOf("--class") + 1);
      assertTrue(mainClass.endsWith("StepEntrypoint"), command.toString());
      assertTrue(command.contains("local:///opt/stepwise/app/app.jar"), command.toString());
      try (ZipFile appJar = new ZipFile(driver.rootfs().resolve("opt/stepwise/app/app.jar").toFile())) {
        assertTrue(appJar.getEntry(mainClass.replace('.', '/') + ".class") != null,
            mainClass + " is in the image's app jar");
      }
      // the step completed because the driver's process exited 0, as its pod reports
      assertEquals(0, driver.exitCode().orElse(-1), step + ": " + entrypoint);
      Pod pod = kube.client().pods().inNamespace(NS).withName(driver.name()).get();
      assertEquals(0, pod.getStatus().getContainerStatuses().get(0).getState().getTerminated().getExitCode(),
          step + " pod status");
      assertEquals(StepState.COMPLETED, record.step(step).orElseThrow().state(), record.toString());
      // the driver created executor pods, and their processes ran tasks for it
      List<KubeletPod> executors = executorsOf(driver);
      assertFalse(executors.isEmpty(), step + " had no executor pod");
      // an executor reached its driver at the driver pod's IP (the Service name in its hosts file); on
      // Kubernetes only executors run tasks, so the Parquet in S3 below was written by them
      assertTrue(executors.stream().anyMatch(e -> watch.connectedToDriver(e.name())),
          step + ": no executor connected to its driver\n" + executors.stream().map(e -> readFile(e.file())).toList());
    }
    ArtifactStore store = store();
    double accuracy = (Double) new ArtifactStorage(store, Materializers.discover())
        .load(record.step("scoreModel").orElseThrow().output().orElseThrow(), Double.class);
    assertTrue(accuracy > 0.9, "accuracy " + accuracy);
    assertTrue(runs().logs(runId, Optional.of("fitModel")).contains("fitted: coefficients"),
        "the driver's output is in the step log");

    // the Dataset went from the SQL step to the next ones through S3, as Parquet
    try (S3Client client = s3.client()) {
      List<S3Object> objects = client.listObjectsV2Paginator(b -> b.bucket(BUCKET)).contents().stream().toList();
      assertTrue(objects.stream().anyMatch(o -> o.key().contains(runId) && o.key().endsWith(".parquet")),
          "the Dataset is Parquet in S3: " + objects);
      for (S3Object object : objects) {
        assertNoSecret(client.getObjectAsBytes(b -> b.bucket(BUCKET).key(object.key()))
            .asString(StandardCharsets.ISO_8859_1), "the stored object " + object.key());
      }
    }
    for (ConfigMap map : kube.client().configMaps().inAnyNamespace().list().getItems()) {
      assertNoSecret(String.valueOf(map.getData()), "ConfigMap " + map.getMetadata().getName());
    }
    watch.assertNoSecretOnAnyCommandLine();
    assertTrue(watch.sawPodProcesses(), "the command-line watch saw no pod process");
    assertNoSecret(read("project.log"), "the CLI's output");
    assertNoSecret(read("follow.log"), "the followed log");
  }

  @Test
  void cancelFromAnotherProcessDeletesThePodsAndEndsTheirProcesses() throws Exception {
    Process run = cli("cancel-run.log", "pipeline", "run", ClusterProjectPipeline.class.getName(), "--stack", STACK,
        "--no-cache");
    String runId = awaitRunId(run, "cancel-run.log");
    KubeletPod driver = await("the first driver pod runs", () -> driverOf(runId, "selectPoints")
        .filter(p -> p.process().isPresent()), run, "cancel-run.log");
    List<KubeletPod> executors = await("its executor pod runs", () -> Optional.of(executorsOf(driver))
        .filter(e -> e.stream().anyMatch(p -> p.process().isPresent())), run, "cancel-run.log");
    List<ProcessHandle> processes = new java.util.ArrayList<>(driver.processes());
    executors.forEach(e -> processes.addAll(e.processes()));

    Process cancel = cli("cancel.log", "run", "cancel", runId, "--stack", STACK);
    assertTrue(cancel.waitFor(180, TimeUnit.SECONDS), "run cancel did not return: " + read("cancel.log"));
    assertEquals(0, cancel.exitValue(), read("cancel.log"));
    assertTrue(run.waitFor(STEP_DEADLINE.toSeconds(), TimeUnit.SECONDS), "the run did not end: "
        + read("cancel-run.log"));

    assertEquals(RunState.CANCELLED, runs().read(runId).orElseThrow().record().state(), read("cancel-run.log"));
    await("the run's pods are gone from the API", () -> Optional.of(podsOfRun(runId)).filter(List::isEmpty),
        null, "cancel-run.log");
    await("the pods' processes ended", () -> Optional.of(processes).filter(ps -> ps.stream()
        .noneMatch(ProcessHandle::isAlive)), null, "cancel-run.log");
    assertTrue(driver.deleted(), "the kubelet saw the driver pod deleted");
    assertTrue(kubelet.pods().stream().noneMatch(p -> p.labels().containsValue(KubernetesNames.labelValue(runId))
        && p.name().contains("fitmodel")), "no later step was started");
  }

  @Test
  void aStepFailingInTheDriverPodIsFailedWithTheDriversReason() throws Exception {
    Process run = cli("no-points.log", "pipeline", "run", ClusterProjectPipeline.NoPoints.class.getName(),
        "--stack", STACK);
    String runId = awaitRunId(run, "no-points.log");
    assertTrue(run.waitFor(STEP_DEADLINE.toSeconds(), TimeUnit.SECONDS), "the pipeline did not end: "
        + read("no-points.log"));
    assertNotEquals(0, run.exitValue(), read("no-points.log"));
    RunRecord record = runs().read(runId).orElseThrow().record();
    assertEquals(RunState.FAILED, record.state(), record.toString());
    StepRecord step = record.step("selectPoints").orElseThrow();
    assertEquals(StepState.FAILED, step.state(), record.toString());
    String reason = step.error().map(e -> e.exceptionClass() + ": " + e.message()).orElse("");
    assertTrue(reason.contains("points must be positive, was 0"), "the record names the driver's exception: "
        + record + "\n" + podLogs(runId));
    KubeletPod driver = driverOf(runId, "selectPoints").orElseThrow();
    assertNotEquals(0, driver.exitCode().orElse(0), "the driver's process failed");
  }

  @Test
  void anImpossibleRequestFailsAfterPendingTimeoutWithTheSchedulersReason() throws Exception {
    ok("step-operator", "register", "k8s_tight", "--flavor=spark-kubernetes", "--master=" + kubelet.sparkMaster(),
        "--namespace=" + NS, "--service_account=spark", "--pending_timeout=5s");
    ok("stack", "register", "tight_stack", "-o", "default", "-a", "lake", "-s", "k8s_tight", "-c", "local_registry",
        "-i", "jib");
    int tooMany = Runtime.getRuntime().availableProcessors() + 1;
    Process run = cli("tight.log", "pipeline", "run", ClusterProjectPipeline.class.getName(), "--stack", "tight_stack",
        "--no-cache", "--conf", "spark.driver.cores=" + tooMany);
    String runId = awaitRunId(run, "tight.log");
    assertTrue(run.waitFor(STEP_DEADLINE.toSeconds(), TimeUnit.SECONDS), "the impossible request never ended: "
        + read("tight.log"));
    assertNotEquals(0, run.exitValue(), read("tight.log"));
    RunRecord record = runs().read(runId).orElseThrow().record();
    assertEquals(RunState.FAILED, record.state(), record.toString());
    StepRecord step = record.step("selectPoints").orElseThrow();
    assertEquals(StepState.FAILED, step.state(), record.toString());
    String reason = step.toString() + runs().logs(runId, Optional.of("selectPoints"));
    assertTrue(reason.contains("Insufficient cpu") && reason.contains("pending_timeout")
        && reason.contains("@ResourceSettings"), "the record names the scheduler's reason and the fix: " + reason);
    KubeletPod driver = driverOf(runId, "selectPoints").orElseThrow(() -> new AssertionError("no driver pod"));
    assertTrue(driver.process().isEmpty(), "an unschedulable pod never runs");
    await("the unschedulable driver pod is deleted", () -> Optional.of(podsOfRun(runId)).filter(List::isEmpty),
        null, "tight.log");
    assertTrue(kubelet.pods().stream().noneMatch(p -> p.labels().containsValue(KubernetesNames.labelValue(runId))
        && p.name().contains("fitmodel")), "no later step was started");
  }

  @Test
  void afterSigkillOfTheOrchestratorResumeReattachesToTheRunningDriverPodAndSubmitsItOnce() throws Exception {
    String prefix = "marks-" + java.util.UUID.randomUUID();
    Map<String, String> marks = Map.of(ResumePipeline.MARKS_VARIABLE, "s3a://" + BUCKET + "/" + prefix);
    Process run = CliJvm.startClean(dir.resolve("config"), dir, "resume-run.log", marks,
        "pipeline", "run", ResumePipeline.class.getName(), "--stack", STACK);
    String runId = awaitRunId(run, "resume-run.log");
    KubeletPod driver = await("the second step's driver pod waits for its release", () -> driverOf(runId, "awaitRelease")
        .filter(p -> p.process().isPresent() && readFile(p.file()).contains("waiting for")), run, "resume-run.log");
    run.destroyForcibly(); // SIGKILL: the driver pod goes on without its orchestrator
    assertTrue(run.waitFor(60, TimeUnit.SECONDS));

    Process describe = cli("resume-describe.log", "run", "describe", runId, "--stack", STACK);
    assertTrue(describe.waitFor(180, TimeUnit.SECONDS) && describe.exitValue() == 0, read("resume-describe.log"));
    String shown = read("resume-describe.log");
    assertTrue(shown.contains("State:    INTERRUPTED"), shown);
    assertTrue(shown.contains("still running without its orchestrator: driver pod " + NS + ":" + driver.name()
        + " is Running"), shown);
    assertTrue(shown.contains("Resume: stepwise run resume " + runId), shown);
    assertEquals(StepState.PENDING, runs().read(runId).orElseThrow().record().step("last").orElseThrow().state(),
        "a step not started waits for the resume");
    Process list = cli("resume-list.log", "run", "list", "--stack", STACK);
    assertTrue(list.waitFor(180, TimeUnit.SECONDS) && list.exitValue() == 0, read("resume-list.log"));
    assertTrue(read("resume-list.log").contains("Run " + runId + " lost its orchestrator while [awaitRelease] still"
        + " ran on the cluster; follow it with 'stepwise run resume " + runId + "'."), read("resume-list.log"));

    Process resume = CliJvm.startClean(dir.resolve("config"), dir, "resume.log", marks,
        "run", "resume", runId, "--stack", STACK);
    await("the resumed run reattaches to the driver pod", () -> Optional.of(logOf(runId, "awaitRelease"))
        .filter(log -> log.contains("reattaching to driver pod " + NS + ":" + driver.name())), resume, "resume.log");
    try (S3Client client = s3.client()) {
      client.putObject(b -> b.bucket(BUCKET).key(prefix + "/release"),
          software.amazon.awssdk.core.sync.RequestBody.empty());
    }
    assertTrue(resume.waitFor(RUN_DEADLINE.toSeconds(), TimeUnit.SECONDS), "the resumed run did not end: "
        + read("resume.log"));
    assertEquals(0, resume.exitValue(), read("resume.log") + podLogs(runId));

    RunRecord record = runs().read(runId).orElseThrow().record();
    assertEquals(RunState.COMPLETED, record.state(), record.toString());
    assertEquals(List.of(1), record.step("awaitRelease").orElseThrow().attempts().stream()
        .map(dev.stepwise.orchestrator.StepAttempt::number).toList(), "one attempt, followed to its end");
    List<KubeletPod> secondDrivers = kubelet.pods().stream().filter(p -> p.sparkRole().equals("driver"))
        .filter(p -> KubernetesNames.labelValue(runId).equals(p.labels().get(KubernetesBackend.RUN_ID_LABEL)))
        .filter(p -> p.name().contains("awaitrelease")).toList();
    assertEquals(List.of(driver.name()), secondDrivers.stream().map(KubeletPod::name).toList(),
        "exactly one driver pod was submitted for the step");
    try (S3Client client = s3.client()) {
      // one directory of Spark's output per body that ran: prefix/<name>-<uuid>/part-...
      List<String> keys = client.listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix(prefix + "/")).contents().stream()
          .map(o -> o.key().substring(prefix.length() + 1).split("/")[0]).distinct().map(k -> prefix + "/" + k)
          .toList();
      assertEquals(1, keys.stream().filter(k -> k.startsWith(prefix + "/first-")).count(), keys.toString());
      assertEquals(1, keys.stream().filter(k -> k.startsWith(prefix + "/second-")).count(),
          "the step's body ran once: " + keys);
      assertEquals(1, keys.stream().filter(k -> k.startsWith(prefix + "/third-")).count(), keys.toString());
    }
  }

  private static String logOf(String runId, String step) {
    try {
      return runs().logs(runId, Optional.of(step));
    } catch (IOException e) {
      return "";
    }
  }

  private static Optional<KubeletPod> driverOf(String runId, String step) {
    String podName;
    try {
      podName = KubernetesSparkStepOperator.driverPodName(pipelineOf(runId), runId, step);
    } catch (RuntimeException notYetRecorded) {
      return Optional.empty();
    }
    return kubelet.pods().stream().filter(p -> p.name().equals(podName)).findFirst();
  }

  private static final Map<String, String> PIPELINES = new ConcurrentHashMap<>();

  private static String pipelineOf(String runId) {
    return PIPELINES.computeIfAbsent(runId, id -> {
      try {
        return runs().read(id).orElseThrow().record().pipeline();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
  }

  /** The executor pods Spark labelled with the driver's application. */
  private static List<KubeletPod> executorsOf(KubeletPod driver) {
    String app = driver.labels().get("spark-app-selector");
    return kubelet.pods().stream().filter(p -> p.sparkRole().equals("executor"))
        .filter(p -> app != null && app.equals(p.labels().get("spark-app-selector"))).toList();
  }

  private static List<Pod> podsOfRun(String runId) {
    return kube.client().pods().inNamespace(NS).list().getItems().stream().filter(p -> KubernetesNames.labelValue(runId)
        .equals(Optional.ofNullable(p.getMetadata().getLabels()).orElse(Map.of()).get(KubernetesBackend.RUN_ID_LABEL)))
        .toList();
  }

  private static String awaitRunId(Process run, String log) throws InterruptedException {
    return await("the run starts", () -> {
      Matcher m = STARTED.matcher(read(log));
      return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }, run, log);
  }

  /** Polls {@code condition} until it yields; fails early when {@code process} ends first. */
  private static <T> T await(String what, Supplier<Optional<T>> condition, Process process, String log)
      throws InterruptedException {
    long deadline = System.nanoTime() + STEP_DEADLINE.toNanos();
    while (true) {
      Optional<T> value = condition.get();
      if (value.isPresent()) {
        return value.get();
      }
      boolean ended = process != null && !process.isAlive();
      if (ended) {
        // one more look: the condition may have come true as the process ended
        value = condition.get();
        if (value.isPresent()) {
          return value.get();
        }
      }
      assertTrue(!ended && System.nanoTime() < deadline, () -> "waiting until " + what + ": "
          + (ended ? "the CLI ended" : "gave up after " + STEP_DEADLINE) + "\n" + read(log) + "\n" + kubelet.pods());
      Thread.sleep(200);
    }
  }

  private static RunStore runs() {
    return new RunStore(store());
  }

  /** The stack's S3 store, opened the way a user's own Java code opens it. */
  private static ArtifactStore store() {
    Path config = dir.resolve("config");
    StepwiseEnvironment environment = new StepwiseEnvironment(
        Map.of(StepwiseEnvironment.CONFIG_DIR_VARIABLE, config.toString()), config, config);
    return Stacks.named(STACK, environment).require(ComponentType.ARTIFACT_STORE, ArtifactStore.class);
  }

  private static String podLogs(String runId) {
    StringBuilder text = new StringBuilder();
    for (KubeletPod pod : kubelet.pods()) {
      String content = readFile(pod.file());
      text.append("--- pod ").append(pod).append(" exit ").append(pod.exitCode()).append(":\n")
          .append(content, Math.max(0, content.length() - 3000), content.length()).append('\n');
    }
    return text.toString();
  }

  private static void assertNoSecret(String text, String where) {
    for (String secret : SECRETS) {
      assertFalse(text.contains(secret), "a secret value appears in " + where);
    }
  }

  private static void ok(String... args) throws Exception {
    CliJvm.ok(dir.resolve("config"), dir, args);
  }

  /** {@code stepwise ARGS} as its own JVM, as a user runs it, with no SPARK_* or AWS_* of this JVM. */
  private static Process cli(String log, String... args) throws IOException {
    return CliJvm.startClean(dir.resolve("config"), dir, log, args);
  }

  private static String read(String log) {
    return readFile(dir.resolve(log));
  }

  /** Sends {@code signal} (STOP, CONT) to each of {@code processes} still alive. */
  private static void signal(String signal, List<ProcessHandle> processes) throws Exception {
    for (ProcessHandle process : processes) {
      if (process.isAlive()) {
        new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start().waitFor();
      }
    }
  }

  private static String readFile(Path file) {
    try {
      return Files.readString(file, StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      return "(no " + file + ")";
    }
  }

  /** Reads every process's argv while a run runs: none may hold a secret. */
  private static final class CommandLineWatch {
    private final Set<String> leaks = ConcurrentHashMap.newKeySet();
    private final Set<String> connected = ConcurrentHashMap.newKeySet();
    private volatile boolean podProcesses;
    private volatile boolean running = true;
    private final Thread thread = new Thread(this::scan, "command-line-watch");

    static CommandLineWatch start() {
      CommandLineWatch watch = new CommandLineWatch();
      watch.thread.setDaemon(true);
      watch.thread.start();
      return watch;
    }

    private void scan() {
      while (running) {
        noteDriverConnections();
        ProcessHandle.allProcesses().forEach(p -> {
          try {
            String line = String.join(" ", ProcessCommandLine.argv(p.pid()));
            if (line.contains("KubernetesExecutorBackend") || line.contains("/opt/stepwise/app/app.jar")) {
              podProcesses = true;
            }
            for (String secret : SECRETS) {
              if (line.contains(secret)) {
                leaks.add("pid " + p.pid() + ": " + line.replace(secret, "<SECRET>"));
              }
            }
          } catch (IOException gone) {
            // ended between listing and reading
          }
        });
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    /** Whether an executor pod's process holds an established TCP connection to its driver pod's IP. */
    private void noteDriverConnections() {
      for (KubeletPod executor : kubelet.pods()) {
        if (!executor.sparkRole().equals("executor") || connected.contains(executor.name())) {
          continue;
        }
        for (ProcessHandle process : executor.processes()) {
          noteDriverConnection(executor, process);
        }
      }
    }

    private void noteDriverConnection(KubeletPod executor, ProcessHandle process) {
      {
        kubelet.pods().stream().filter(d -> d.sparkRole().equals("driver"))
            .filter(d -> d.labels().get("spark-app-selector") != null
                && d.labels().get("spark-app-selector").equals(executor.labels().get("spark-app-selector")))
            .findFirst().ifPresent(driver -> {
              if (hasConnection(process.pid(), driver.ip())) {
                connected.add(executor.name());
              }
            });
      }
    }

    private static boolean hasConnection(long pid, String remoteIp) {
      try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
        Set<String> inodes = fds.map(fd -> {
          try {
            return Files.readSymbolicLink(fd).toString();
          } catch (IOException gone) {
            return "";
          }
        }).filter(l -> l.startsWith("socket:[")).map(l -> l.substring(8, l.length() - 1)).collect(Collectors.toSet());
        String[] octets = remoteIp.split("\\.");
        String hex = String.format("%02X%02X%02X%02X:", Integer.parseInt(octets[3]), Integer.parseInt(octets[2]),
            Integer.parseInt(octets[1]), Integer.parseInt(octets[0]));
        // /proc/net/tcp{,6}: sl local rem st ... inode; 01 is ESTABLISHED. A JVM's socket is often IPv6,
        // with the IPv4 address mapped into its last word
        List<String> lines = new java.util.ArrayList<>();
        for (String table : List.of("tcp", "tcp6")) {
          lines.addAll(Files.readAllLines(Path.of("/proc", Long.toString(pid), "net", table)));
        }
        return lines.stream().map(l -> l.trim().split("\\s+"))
            .anyMatch(f -> f.length > 9 && f[2].contains(hex) && f[3].equals("01") && inodes.contains(f[9]));
      } catch (IOException | RuntimeException gone) {
        return false;
      }
    }

    boolean connectedToDriver(String executorPod) {
      return connected.contains(executorPod);
    }

    boolean sawPodProcesses() {
      return podProcesses;
    }

    void stop() throws InterruptedException {
      running = false;
      thread.join(10_000);
    }

    void assertNoSecretOnAnyCommandLine() {
      assertEquals(Set.of(), leaks, "a secret stood on a command line");
    }
  }
}

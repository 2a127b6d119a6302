package dev.stepwise.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepwise.support.ProcessTree;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real Spark standalone cluster for tests, started the way the README tells users to: the Spark
 * home's own {@code sbin/start-master.sh} and {@code sbin/start-worker.sh} (so the home itself is
 * tested), on 127.0.0.1 with free ports, ready once the worker has registered, and stopped with
 * {@code sbin/stop-*.sh} (then by PID, with everything they started) on {@link #close()} or JVM exit.
 */
final class StandaloneSparkCluster implements AutoCloseable {
  private final Path sparkHome;
  private final Path dir;
  private final ProcessHandle master;
  private final ProcessHandle worker;
  private final int masterPort;
  private final int masterWebUiPort;
  private final int masterRestPort;
  private final Path workDir;
  private final Thread exitGuard;

  private StandaloneSparkCluster(Path sparkHome, Path dir, ProcessHandle master, ProcessHandle worker,
      int masterPort, int masterWebUiPort, int masterRestPort, Path workDir) {
    this.sparkHome = sparkHome;
    this.dir = dir;
    this.master = master;
    this.worker = worker;
    this.masterPort = masterPort;
    this.masterWebUiPort = masterWebUiPort;
    this.masterRestPort = masterRestPort;
    this.workDir = workDir;
    this.exitGuard = new Thread(this::stopProcesses, "standalone-cluster-stop");
    Runtime.getRuntime().addShutdownHook(exitGuard);
  }

  private static final int ATTEMPTS = 3;

  /**
   * Starts the cluster on ports the OS just handed out. Another process may bind one of them first;
   * Spark would then quietly move to the next port, so port retries are off and a start that lost
   * a port is repeated on fresh ones.
   */
  static StandaloneSparkCluster start(Path sparkHome, Path dir) throws Exception {
    for (int attempt = 1; ; attempt++) {
      Path attemptDir = Files.createDirectories(dir.resolve("attempt-" + attempt));
      try {
        return startOnce(sparkHome, attemptDir);
      } catch (IllegalStateException e) {
        if (attempt == ATTEMPTS || !lostAPort(attemptDir)) {
          throw e;
        }
      }
    }
  }

  private static boolean lostAPort(Path dir) throws IOException {
    for (String daemon : List.of("master", "worker")) {
      Path file = log(dir, daemon);
      if (Files.exists(file) && Files.readString(file).contains("Address already in use")) {
        return true;
      }
    }
    return false;
  }

  private static String logs(Path dir) {
    StringBuilder text = new StringBuilder();
    for (String daemon : List.of("master", "worker")) {
      try {
        text.append("\n== ").append(daemon).append(":\n").append(Files.readString(log(dir, daemon)));
      } catch (IOException e) {
        text.append("\n== no ").append(daemon).append(" log");
      }
    }
    return text.toString();
  }

  /** Where the home's sbin scripts write a daemon's output (SPARK_LOG_DIR below). */
  static Path log(Path dir, String daemon) {
    return dir.resolve("logs").resolve("stepwise-spark-" + daemon + ".out");
  }

  private static StandaloneSparkCluster startOnce(Path sparkHome, Path dir) throws Exception {
    int masterPort = freePort();
    int masterUi = freePort();
    int workerUi = freePort();
    int masterRest = freePort();
    Path workDir = Files.createDirectories(dir.resolve("worker"));
    // Spark 4 kills cluster-mode drivers only through the REST submission server, off by default;
    // SPARK_MASTER_OPTS is how the README tells users to turn it on
    ProcessHandle master = daemon(sparkHome, dir, "master", "-Dspark.master.rest.enabled=true -Dspark.master.rest.port="
        + masterRest, "sbin/start-master.sh",
        "--host", "127.0.0.1", "--port", Integer.toString(masterPort), "--webui-port", Integer.toString(masterUi));
    ProcessHandle worker = null;
    try {
      worker = daemon(sparkHome, dir, "worker", "", "sbin/start-worker.sh", "spark://127.0.0.1:" + masterPort,
          "--host", "127.0.0.1", "--webui-port", Integer.toString(workerUi), "--cores", "2", "--memory", "3g",
          "--work-dir", workDir.toString());
      StandaloneSparkCluster cluster =
          new StandaloneSparkCluster(sparkHome, dir, master, worker, masterPort, masterUi, masterRest, workDir);
      cluster.awaitWorker(dir);
      return cluster;
    } catch (Exception | Error e) {
      new ProcessTree(master).stop(Duration.ofSeconds(1));
      if (worker != null) {
        new ProcessTree(worker).stop(Duration.ofSeconds(1));
      }
      throw e;
    }
  }

  String masterUrl() {
    return "spark://127.0.0.1:" + masterPort;
  }

  String webUiUrl() {
    return "http://127.0.0.1:" + masterWebUiPort;
  }

  String restUrl() {
    return "http://127.0.0.1:" + masterRestPort;
  }

  /** The master's {@code /json} now. */
  JsonNode state() throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    return new ObjectMapper().readTree(http.send(HttpRequest.newBuilder(URI.create(webUiUrl() + "/json/")).build(),
        HttpResponse.BodyHandlers.ofString()).body());
  }

  /** Kills a driver through the master's REST server (test clean-up). */
  void killDriver(String driverId) throws Exception {
    HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(restUrl() + "/v1/submissions/kill/" + driverId))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
  }

  Path workDir() {
    return workDir;
  }

  List<Long> pids() {
    return List.of(master.pid(), worker.pid());
  }

  private void awaitWorker(Path dir) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + masterWebUiPort + "/json/")).build();
    // generous: two engineers' builds may share the machine's cores with four JVMs starting here
    long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
    while (System.nanoTime() < deadline) {
      if (!master.isAlive() || !worker.isAlive()) {
        throw new IllegalStateException("the standalone cluster died while starting: " + logs(dir));
      }
      try {
        JsonNode state = new ObjectMapper().readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
        // the url check: only our master counts, not another one that holds the UI port
        if (masterUrl().equals(state.path("url").asText()) && state.path("aliveworkers").asInt() > 0) {
          return;
        }
      } catch (IOException notYet) {
        // master web UI not listening yet
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("no worker registered with the standalone master within 180 s: " + logs(dir));
  }

  /**
   * Runs one of the home's sbin scripts and returns the daemon it started, read from its pid file.
   * The environment is the user's, minus SPARK_* (the home must carry what Spark needs) and AWS_*.
   */
  private static ProcessHandle daemon(Path sparkHome, Path dir, String name, String masterOpts, String script,
      String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(sparkHome.resolve(script).toString());
    command.addAll(List.of(args));
    Path out = dir.resolve(name + "-start.log");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
    builder.environment().keySet().removeIf(key -> key.startsWith("SPARK_"));
    // a worker without credentials of its own: executors get the application's, or none
    builder.environment().keySet().removeIf(key -> key.startsWith("AWS_"));
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().put("SPARK_PID_DIR", dir.resolve("run").toString());
    builder.environment().put("SPARK_LOG_DIR", dir.resolve("logs").toString());
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    builder.environment().put("SPARK_DAEMON_MEMORY", "512m");
    // fail on a taken port rather than silently use the next one
    builder.environment().put("SPARK_DAEMON_JAVA_OPTS", "-Dspark.port.maxRetries=0");
    if (!masterOpts.isEmpty()) {
      builder.environment().put("SPARK_MASTER_OPTS", masterOpts);
    }
    Process start = builder.start();
    if (!start.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) || start.exitValue() != 0) {
      start.destroyForcibly();
      throw new IllegalStateException(script + " failed: " + Files.readString(out));
    }
    long pid = Long.parseLong(Files.readString(dir.resolve("run").resolve("stepwise-spark-" + name + ".pid")).trim());
    return ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException(
        "the Spark " + name + " (pid " + pid + ") exited at once; see " + log(dir, name)));
  }

  /** Runs an sbin stop script of the home, as a user would. */
  private void stopScript(String script) {
    try {
      ProcessBuilder builder = new ProcessBuilder(sparkHome.resolve(script).toString())
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("stop.log").toFile()));
      builder.environment().put("SPARK_PID_DIR", dir.resolve("run").toString());
      builder.environment().put("SPARK_LOG_DIR", dir.resolve("logs").toString());
      builder.start().waitFor(60, java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception e) {
      // the PID-based stop below still ends the daemon
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private void stopProcesses() {
    // executors and drivers the worker started, taken before the stop scripts orphan any of them
    List<ProcessHandle> started = new ArrayList<>(worker.descendants().toList());
    stopScript("sbin/stop-worker.sh");
    stopScript("sbin/stop-master.sh");
    new ProcessTree(worker).stop(Duration.ofSeconds(5));
    new ProcessTree(master).stop(Duration.ofSeconds(5));
    started.forEach(ProcessHandle::destroyForcibly);
  }

  @Override
  public void close() {
    stopProcesses();
    try {
      Runtime.getRuntime().removeShutdownHook(exitGuard);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs anyway
    }
  }
}

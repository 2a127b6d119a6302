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
 * A real Spark standalone cluster for tests: a master and one worker started as forked JVMs from
 * spark-core's classes on 127.0.0.1 with free ports, ready once the worker has registered, and
 * stopped by PID (with everything they started) on {@link #close()} or JVM exit.
 */
final class StandaloneSparkCluster implements AutoCloseable {
  private final Process master;
  private final Process worker;
  private final int masterPort;
  private final int masterWebUiPort;
  private final int masterRestPort;
  private final Path workDir;
  private final Thread exitGuard;

  private StandaloneSparkCluster(Process master, Process worker, int masterPort, int masterWebUiPort, int masterRestPort,
      Path workDir) {
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
    for (String log : List.of("master.log", "worker.log")) {
      Path file = dir.resolve(log);
      if (Files.exists(file) && Files.readString(file).contains("Address already in use")) {
        return true;
      }
    }
    return false;
  }

  private static StandaloneSparkCluster startOnce(Path sparkHome, Path dir) throws Exception {
    int masterPort = freePort();
    int masterUi = freePort();
    int workerUi = freePort();
    int masterRest = freePort();
    Path workDir = Files.createDirectories(dir.resolve("worker"));
    // Spark 4 kills cluster-mode drivers only through the REST submission server, off by default
    Process master = fork(sparkHome, dir.resolve("master.log"), List.of("-Dspark.master.rest.enabled=true",
            "-Dspark.master.rest.port=" + masterRest), "org.apache.spark.deploy.master.Master",
        "--host", "127.0.0.1", "--port", Integer.toString(masterPort), "--webui-port", Integer.toString(masterUi));
    Process worker = null;
    try {
      worker = fork(sparkHome, dir.resolve("worker.log"), List.of(), "org.apache.spark.deploy.worker.Worker",
          "--host", "127.0.0.1", "--webui-port", Integer.toString(workerUi), "--cores", "2", "--memory", "3g",
          "--work-dir", workDir.toString(), "spark://127.0.0.1:" + masterPort);
      StandaloneSparkCluster cluster = new StandaloneSparkCluster(master, worker, masterPort, masterUi, masterRest, workDir);
      cluster.awaitWorker(dir);
      return cluster;
    } catch (Exception | Error e) {
      new ProcessTree(master.toHandle()).stop(Duration.ofSeconds(1));
      if (worker != null) {
        new ProcessTree(worker.toHandle()).stop(Duration.ofSeconds(1));
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
    long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos(); // generous: a loaded machine starts JVMs slowly
    while (System.nanoTime() < deadline) {
      if (!master.isAlive() || !worker.isAlive()) {
        throw new IllegalStateException("the standalone cluster died while starting; see " + dir);
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
    throw new IllegalStateException("no worker registered with the standalone master within 180 s; see " + dir);
  }

  private static Process fork(Path sparkHome, Path log, List<String> properties, String mainClass, String... args)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    command.addAll(properties);
    command.add("-Dspark.port.maxRetries=0"); // fail on a taken port rather than silently use the next one
    command.add("-cp");
    command.add(sparkHome.resolve("jars") + "/*");
    command.add(mainClass);
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("SPARK_HOME", sparkHome.toString());
    builder.environment().put("SPARK_SCALA_VERSION", "2.13");
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    return builder.start();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private void stopProcesses() {
    new ProcessTree(worker.toHandle()).stop(Duration.ofSeconds(5));
    new ProcessTree(master.toHandle()).stop(Duration.ofSeconds(5));
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

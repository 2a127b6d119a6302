package dev.stepwise.image;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.support.JsonCodec;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code docker-registry} on 127.0.0.1 with a free port, filesystem storage in a temp
 * dir and no auth; stopped by PID. Absent binary → {@link #executable()} is empty.
 */
public final class LocalDockerRegistry implements AutoCloseable {
  private final Process process;
  private final int port;
  private final Path log;

  private LocalDockerRegistry(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  public static Optional<Path> executable() {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
      Path candidate = Path.of(dir, "docker-registry");
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  public static LocalDockerRegistry start(Path executable, Path workDir) throws IOException, InterruptedException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    Path storage = Files.createDirectories(workDir.resolve("storage"));
    Path config = workDir.resolve("config.yml");
    Files.writeString(config, String.join("\n",
        "version: 0.1",
        "log:",
        "  level: info",
        "storage:",
        "  filesystem:",
        "    rootdirectory: " + storage,
        "http:",
        "  addr: 127.0.0.1:" + port,
        ""));
    Path log = workDir.resolve("registry.log");
    Process process = new ProcessBuilder(executable.toString(), "serve", config.toString())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    LocalDockerRegistry registry = new LocalDockerRegistry(process, port, log);
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("docker-registry exited: " + Files.readString(log));
      }
      try {
        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(registry.uri("/v2/")).build(),
            HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return registry;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(50);
    }
    registry.close();
    throw new IllegalStateException("docker-registry did not answer on port " + port + ": " + Files.readString(log));
  }

  public String hostPort() {
    return "127.0.0.1:" + port;
  }

  public URI uri(String path) {
    return URI.create("http://" + hostPort() + path);
  }

  /** The manifest of {@code repository} at {@code reference} (a tag or {@code sha256:} digest), as the registry serves it. */
  public JsonNode manifest(String repository, String reference) throws IOException, InterruptedException {
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(uri("/v2/" + repository + "/manifests/" + reference))
            .header("Accept", RegistryManifests.ACCEPT).build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("GET manifest " + repository + ":" + reference + " answered "
          + response.statusCode() + ": " + response.body());
    }
    return JsonCodec.mapper().readTree(response.body());
  }

  @Override
  public void close() throws InterruptedException {
    ProcessHandle handle = process.toHandle();
    handle.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      handle.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}

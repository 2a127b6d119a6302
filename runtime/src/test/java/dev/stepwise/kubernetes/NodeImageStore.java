package dev.stepwise.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.support.JsonCodec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The process kubelet's image store: pulls an image by reference from a plain-HTTP registry
 * (manifest, config, layer blobs), unpacks its layers in order once per image, and gives each
 * pod its own copy of the files (hard links, so a pod costs no copy of the jars).
 */
final class NodeImageStore {
  private static final Pattern REFERENCE = Pattern.compile("([^/]+)/(.+?)(?:@(sha256:[0-9a-f]{64})|:([^:/@]+))?");
  private static final String ACCEPT = "application/vnd.oci.image.manifest.v1+json,"
      + "application/vnd.docker.distribution.manifest.v2+json";
  private static final String WHITEOUT = ".wh.";

  /** What a pod needs from its image besides the files. */
  record PulledImage(String reference, String digest, Path rootfs, List<String> entrypoint, List<String> cmd,
      Map<String, String> env, String workingDir) {}

  private final Path root;
  private final HttpClient http = HttpClient.newHttpClient();
  private final Map<String, PulledImage> images = new HashMap<>();

  NodeImageStore(Path root) {
    this.root = root;
  }

  /** Pulls and unpacks {@code reference} unless this node already has it; throws with the registry's answer. */
  synchronized PulledImage pull(String reference) throws IOException, InterruptedException {
    PulledImage known = images.get(reference);
    if (known != null) {
      return known;
    }
    Matcher m = REFERENCE.matcher(reference);
    if (!m.matches()) {
      throw new IOException("InvalidImageName: " + reference);
    }
    String registry = m.group(1);
    String repository = m.group(2);
    String tag = m.group(3) != null ? m.group(3) : m.group(4) != null ? m.group(4) : "latest";
    HttpResponse<byte[]> manifestResponse = get(registry, "/v2/" + repository + "/manifests/" + tag, ACCEPT);
    JsonNode manifest = JsonCodec.mapper().readTree(manifestResponse.body());
    String digest = manifestResponse.headers().firstValue("Docker-Content-Digest").orElse(tag);
    JsonNode config = JsonCodec.mapper().readTree(
        blob(registry, repository, manifest.path("config").path("digest").asText()).toFile()).path("config");
    Path rootfs = Files.createDirectories(root.resolve("images").resolve(digest.replace(':', '-')).resolve("rootfs"));
    for (JsonNode layer : manifest.path("layers")) {
      unpack(blob(registry, repository, layer.path("digest").asText()), layer.path("mediaType").asText(), rootfs);
    }
    Map<String, String> env = new HashMap<>();
    for (JsonNode entry : config.path("Env")) {
      String[] pair = entry.asText().split("=", 2);
      env.put(pair[0], pair.length > 1 ? pair[1] : "");
    }
    PulledImage image = new PulledImage(reference, digest, rootfs, strings(config.path("Entrypoint")),
        strings(config.path("Cmd")), Map.copyOf(env), config.path("WorkingDir").asText(""));
    images.put(reference, image);
    return image;
  }

  /** The pod's own copy of the image's files: a tree of hard links to the unpacked image. */
  static void linkTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path source : files.toList()) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          Files.createDirectories(target);
        } else if (Files.isSymbolicLink(source)) {
          Files.createSymbolicLink(target, Files.readSymbolicLink(source));
        } else {
          Files.createLink(target, source);
        }
      }
    }
  }

  private Path blob(String registry, String repository, String digest) throws IOException, InterruptedException {
    Path file = root.resolve("blobs").resolve(digest.replace(':', '-'));
    if (!Files.exists(file)) {
      Files.createDirectories(file.getParent());
      Path partial = Files.createTempFile(file.getParent(), "pull-", ".partial");
      HttpResponse<Path> response = http.send(request(registry, "/v2/" + repository + "/blobs/" + digest, "*/*"),
          HttpResponse.BodyHandlers.ofFile(partial));
      if (response.statusCode() != 200) {
        throw new IOException("ErrImagePull: GET blob " + digest + " from " + registry + " answered "
            + response.statusCode());
      }
      Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
    }
    return file;
  }

  private HttpResponse<byte[]> get(String registry, String path, String accept) throws IOException, InterruptedException {
    HttpResponse<byte[]> response = http.send(request(registry, path, accept), HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw new IOException("ErrImagePull: GET " + path + " from " + registry + " answered " + response.statusCode()
          + ": " + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
    }
    return response;
  }

  private static HttpRequest request(String registry, String path, String accept) {
    // the test registry is plain HTTP on loopback, as the stack's insecure registry says
    return HttpRequest.newBuilder(URI.create("http://" + registry + path)).header("Accept", accept).build();
  }

  /** Layers in order, with OCI whiteouts removing what lower layers put there. */
  private static void unpack(Path layer, String mediaType, Path rootfs) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("tar", "-x", "--no-same-owner", "-C", rootfs.toString(), "-f",
        layer.toString()));
    if (mediaType.endsWith("gzip")) {
      command.add(1, "-z");
    }
    Process tar = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(tar.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    if (!tar.waitFor(5, TimeUnit.MINUTES) || tar.exitValue() != 0) {
      throw new IOException("cannot unpack layer " + layer.getFileName() + ": " + output);
    }
    List<Path> whiteouts;
    try (Stream<Path> files = Files.walk(rootfs)) {
      whiteouts = files.filter(p -> p.getFileName() != null && p.getFileName().toString().startsWith(WHITEOUT)).toList();
    }
    for (Path whiteout : whiteouts) {
      String name = whiteout.getFileName().toString().substring(WHITEOUT.length());
      if (!name.equals(".wh..opq")) {
        dev.stepwise.support.DirectoryTrees.delete(whiteout.resolveSibling(name));
      }
      Files.deleteIfExists(whiteout);
    }
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return List.copyOf(values);
  }
}

package dev.stepwise.image;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asks a registry whether a tag exists (HEAD on the manifest, Docker Registry HTTP API v2), so an
 * image whose content-hash tag is already there is neither rebuilt nor pushed.
 */
final class RegistryManifests {
  static final String ACCEPT = String.join(",",
      "application/vnd.oci.image.manifest.v1+json",
      "application/vnd.oci.image.index.v1+json",
      "application/vnd.docker.distribution.manifest.v2+json",
      "application/vnd.docker.distribution.manifest.list.v2+json");
  private static final Pattern CHALLENGE_PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  /** The manifest digest of {@code repository:tag}, or empty when the registry does not have it. */
  Optional<String> digestOf(ImageTarget.Registry registry, String repository, String tag)
      throws IOException, InterruptedException {
    URI uri = baseUri(registry).resolve("/v2/" + pathPrefix(registry) + repository + "/manifests/" + tag);
    HttpResponse<Void> response = send(head(uri, registry.credentials().map(RegistryManifests::basic)));
    if (response.statusCode() == 401) {
      Optional<String> token = bearerToken(response, registry, pathPrefix(registry) + repository);
      if (token.isPresent()) {
        response = send(head(uri, token.map(t -> "Bearer " + t)));
      }
    }
    if (response.statusCode() == 404) {
      return Optional.empty();
    }
    if (response.statusCode() / 100 != 2) {
      throw new IOException("registry " + registry.registry() + " answered HTTP " + response.statusCode()
          + " for " + uri + "; check the registry's uri and its authentication_secret");
    }
    return response.headers().firstValue("Docker-Content-Digest");
  }

  static URI baseUri(ImageTarget.Registry registry) {
    String host = registry.registry().split("/", 2)[0];
    return URI.create((registry.insecure() ? "http://" : "https://") + host + "/");
  }

  private static String pathPrefix(ImageTarget.Registry registry) {
    String[] parts = registry.registry().split("/", 2);
    return parts.length == 2 && !parts[1].isBlank() ? parts[1].replaceAll("/+$", "") + "/" : "";
  }

  private HttpResponse<Void> send(HttpRequest request) throws IOException, InterruptedException {
    return http.send(request, HttpResponse.BodyHandlers.discarding());
  }

  private static HttpRequest head(URI uri, Optional<String> authorization) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
        .method("HEAD", HttpRequest.BodyPublishers.noBody())
        .timeout(Duration.ofSeconds(30))
        .header("Accept", ACCEPT);
    authorization.ifPresent(value -> builder.header("Authorization", value));
    return builder.build();
  }

  /** The token flow of registries such as Docker Hub and GHCR: a pull-scoped bearer token. */
  private Optional<String> bearerToken(HttpResponse<?> challenge, ImageTarget.Registry registry, String repository)
      throws IOException, InterruptedException {
    Optional<String> header = challenge.headers().firstValue("WWW-Authenticate");
    if (header.isEmpty() || !header.get().regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.empty();
    }
    Map<String, String> params = new LinkedHashMap<>();
    Matcher matcher = CHALLENGE_PARAM.matcher(header.get());
    while (matcher.find()) {
      params.put(matcher.group(1), matcher.group(2));
    }
    if (!params.containsKey("realm")) {
      return Optional.empty();
    }
    StringBuilder url = new StringBuilder(params.get("realm")).append("?scope=")
        .append(java.net.URLEncoder.encode("repository:" + repository + ":pull", StandardCharsets.UTF_8));
    if (params.containsKey("service")) {
      url.append("&service=").append(java.net.URLEncoder.encode(params.get("service"), StandardCharsets.UTF_8));
    }
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url.toString())).timeout(Duration.ofSeconds(30));
    registry.credentials().map(RegistryManifests::basic).ifPresent(value -> request.header("Authorization", value));
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      return Optional.empty();
    }
    Matcher token = Pattern.compile("\"(?:token|access_token)\"\\s*:\\s*\"([^\"]+)\"").matcher(response.body());
    return token.find() ? Optional.of(token.group(1)) : Optional.empty();
  }

  private static String basic(RegistryCredentials credentials) {
    String pair = credentials.username() + ":" + credentials.password();
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }
}

package dev.stepwise.s3;

import dev.stepwise.secret.SecretReferences;
import dev.stepwise.secret.SecretStore;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Builds {@link S3Connection}s: from a component's config (resolving secret references and the
 * authentication secret now, at the moment of use), or from a process environment (a step
 * entrypoint that only has its store's root URI; the launcher put these variables there).
 */
public final class S3Connections {
  /** Non-secret connection settings handed to launched processes (credentials travel as AWS_* variables). */
  public static final String ENV_ENDPOINT = "STEPWISE_S3_ENDPOINT";
  public static final String ENV_REGION = "STEPWISE_S3_REGION";
  public static final String ENV_PATH_STYLE = "STEPWISE_S3_PATH_STYLE_ACCESS";

  private S3Connections() {}

  public static S3Connection fromConfig(String componentName, S3ArtifactStoreConfig config, SecretStore secrets) {
    SecretReferences references = new SecretReferences(secrets);
    String what = "artifact store '" + componentName + "'";
    S3Location location = S3Location.parse(references.resolve(config.path(), what + " path"));
    Optional<URI> endpoint = references.resolve(config.endpointValue(), what + " endpoint")
        .map(e -> parseEndpoint(e).orElseThrow(() -> new IllegalArgumentException(endpointProblem(e, componentName))));
    String region = references.resolve(config.regionValue(), what + " region").orElse(S3ArtifactStoreConfig.DEFAULT_REGION);
    Optional<S3Credentials> credentials = config.secretName()
        .map(name -> S3Credentials.fromSecret(secrets.get(name), componentName));
    return new S3Connection(componentName, location, endpoint, region, config.pathStyle(), credentials);
  }

  /** The connection for {@code root} as a launched process sees it; credentials from the default chain. */
  public static S3Connection fromEnvironment(URI root, Map<String, String> env) {
    S3Location location = S3Location.parse("s3://" + root.getAuthority() + Optional.ofNullable(root.getPath()).orElse(""));
    Optional<URI> endpoint = Optional.ofNullable(env.get(ENV_ENDPOINT)).filter(s -> !s.isBlank())
        .map(e -> parseEndpoint(e).orElseThrow(() -> new IllegalArgumentException(
            ENV_ENDPOINT + "='" + e + "' is not an http(s) URL such as http://127.0.0.1:9000")));
    String region = Optional.ofNullable(env.get(ENV_REGION)).filter(s -> !s.isBlank())
        .or(() -> Optional.ofNullable(env.get("AWS_REGION")).filter(s -> !s.isBlank()))
        .orElse(S3ArtifactStoreConfig.DEFAULT_REGION);
    boolean pathStyle = Optional.ofNullable(env.get(ENV_PATH_STYLE)).map(v -> v.trim().equalsIgnoreCase("true"))
        .orElse(endpoint.isPresent());
    return new S3Connection("(from " + root + ")", location, endpoint, region, pathStyle, Optional.empty());
  }

  /** An http(s) URL with a host; references must be resolved first. */
  public static Optional<URI> parseEndpoint(String text) {
    try {
      URI uri = new URI(text.trim());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
        return Optional.of(uri);
      }
      return Optional.empty();
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }

  static String endpointProblem(String endpoint, String componentName) {
    return "'endpoint' of artifact store '" + componentName + "' must be an http(s) URL with a host, got '"
        + endpoint + "'; e.g. --endpoint=http://127.0.0.1:9000 (MinIO, s3proxy) or leave it out for AWS";
  }
}

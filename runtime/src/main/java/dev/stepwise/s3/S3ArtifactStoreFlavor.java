package dev.stepwise.s3;

import com.google.auto.service.AutoService;
import dev.stepwise.flavor.ComponentContext;
import dev.stepwise.flavor.ComponentType;
import dev.stepwise.flavor.Flavor;
import dev.stepwise.secret.SecretReferences;
import dev.stepwise.secret.SecretStore;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The {@code s3} artifact store: a bucket on AWS S3 or any S3-compatible server. */
@AutoService(Flavor.class)
public final class S3ArtifactStoreFlavor implements Flavor<S3ArtifactStoreConfig> {
  private static final Pattern SECRET_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");

  @Override
  public ComponentType type() {
    return ComponentType.ARTIFACT_STORE;
  }

  @Override
  public String name() {
    return "s3";
  }

  @Override
  public String description() {
    return "Artifacts in an S3 bucket, AWS or compatible (--path=s3://bucket/prefix [--endpoint=URL"
        + " --region=R --path_style_access=true --authentication_secret=SECRET])";
  }

  @Override
  public Class<S3ArtifactStoreConfig> configType() {
    return S3ArtifactStoreConfig.class;
  }

  @Override
  public List<String> validateConfig(S3ArtifactStoreConfig config) {
    List<String> problems = new ArrayList<>();
    if (!SecretReferences.containsReference(config.path())) {
      S3Location.parseProblem(config.path()).ifPresent(problems::add);
    }
    config.endpointValue().filter(e -> !SecretReferences.containsReference(e))
        .filter(e -> S3Connections.parseEndpoint(e).isEmpty())
        .ifPresent(e -> problems.add("'endpoint' must be an http(s) URL with a host, got '" + e
            + "'; e.g. --endpoint=http://127.0.0.1:9000 (MinIO, s3proxy), or leave it out for AWS"));
    if (config.region() != null && config.region().isBlank()) {
      problems.add("'region' is empty; give one (e.g. --region=eu-west-1) or leave it out for us-east-1");
    }
    config.secretName().filter(n -> !SECRET_NAME.matcher(n).matches())
        .ifPresent(n -> problems.add("'authentication_secret' must name a secret (letters, digits, '_', '-'),"
            + " got '" + n + "'; see 'stepwise secret list'"));
    return problems;
  }

  @Override
  public S3ArtifactStore create(String componentName, S3ArtifactStoreConfig config, ComponentContext context) {
    SecretStore secrets = new SecretStore(context.configDir());
    // the location is needed for URIs before any secret is read; references in it resolve now
    S3Location location = S3Location.parse(new SecretReferences(secrets).resolve(config.path(),
        "artifact store '" + componentName + "' path"));
    return new S3ArtifactStore(componentName, location, () -> S3Connections.fromConfig(componentName, config, secrets));
  }
}

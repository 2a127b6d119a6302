package dev.stepwise.s3;

import com.google.auto.service.AutoService;
import dev.stepwise.artifact.ArtifactStore;
import dev.stepwise.artifact.ArtifactStoreScheme;
import java.net.URI;

/**
 * Opens {@code s3://} stores from a URI alone (a step entrypoint reading its run spec). Endpoint,
 * region and path style come from {@code STEPWISE_S3_*} variables and credentials from the AWS
 * default chain (the {@code AWS_*} variables the launcher set), never from the URI.
 */
@AutoService(ArtifactStoreScheme.class)
public final class S3ArtifactStoreScheme implements ArtifactStoreScheme {
  @Override
  public String scheme() {
    return "s3";
  }

  @Override
  public ArtifactStore open(URI root) {
    S3Connection connection = S3Connections.fromEnvironment(root, System.getenv());
    return new S3ArtifactStore(connection.componentName(), connection.location(), () -> connection);
  }
}

package dev.stepwise.s3;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach one bucket, with secret references already resolved: made at the moment of use and
 * never stored.
 *
 * @param componentName the artifact store's name, for messages
 * @param credentials explicit credentials; empty means the AWS default credential chain
 */
public record S3Connection(
    String componentName,
    S3Location location,
    Optional<URI> endpoint,
    String region,
    boolean pathStyle,
    Optional<S3Credentials> credentials) {

  public S3Connection {
    Objects.requireNonNull(componentName, "componentName");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(credentials, "credentials");
  }

  /** The endpoint as shown in messages: the configured one, or AWS's for the region. */
  public String endpointLabel() {
    return endpoint.map(URI::toString).orElse("AWS S3 (" + region + ")");
  }

  /** Where credentials come from, as shown in messages. */
  public String credentialsLabel() {
    return credentials.map(c -> "secret '" + c.secretName() + "'")
        .orElse("the AWS default credential chain (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, ~/.aws, instance role)");
  }
}

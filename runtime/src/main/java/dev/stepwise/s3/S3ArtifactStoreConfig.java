package dev.stepwise.s3;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;

/**
 * Config of the {@code s3} artifact store flavor (ZenML's key spelling). {@code endpoint} and
 * {@code region} may hold {@code {{secret.key}}} references, resolved only when a client is made.
 *
 * @param path {@code s3://bucket[/prefix]} (required)
 * @param endpoint the S3 API URL of a non-AWS store (MinIO, Ceph, s3proxy), e.g. {@code http://127.0.0.1:9000}
 * @param region the bucket's region; {@code us-east-1} when absent
 * @param pathStyleAccess address buckets as {@code endpoint/bucket} rather than {@code bucket.endpoint};
 *     defaults to true when an endpoint is given (what MinIO and friends need), false on AWS
 * @param authenticationSecret the name of a secret with {@code aws_access_key_id},
 *     {@code aws_secret_access_key} and optional {@code aws_session_token}; without one, the AWS
 *     default credential chain
 */
public record S3ArtifactStoreConfig(
    @JsonProperty("path") String path,
    @JsonProperty("endpoint") String endpoint,
    @JsonProperty("region") String region,
    @JsonProperty("path_style_access") Boolean pathStyleAccess,
    @JsonProperty("authentication_secret") String authenticationSecret) {

  public static final String DEFAULT_REGION = "us-east-1";

  public Optional<String> endpointValue() {
    return Optional.ofNullable(endpoint).map(String::trim).filter(s -> !s.isEmpty());
  }

  public Optional<String> regionValue() {
    return Optional.ofNullable(region).map(String::trim).filter(s -> !s.isEmpty());
  }

  public Optional<String> secretName() {
    return Optional.ofNullable(authenticationSecret).map(String::trim).filter(s -> !s.isEmpty());
  }

  public boolean pathStyle() {
    return pathStyleAccess != null ? pathStyleAccess : endpointValue().isPresent();
  }
}

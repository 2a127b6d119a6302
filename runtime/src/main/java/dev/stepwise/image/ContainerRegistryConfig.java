package dev.stepwise.image;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Config of the {@code default} container registry flavor. Credentials are never part of it:
 * {@code authentication_secret} names a stored secret (keys {@code username} and {@code password}).
 *
 * @param reachableFromCluster a local registry the cluster can pull from (kind, minikube)
 */
public record ContainerRegistryConfig(
    @JsonProperty(value = "uri", required = true) String uri,
    @JsonProperty("insecure") Boolean insecure,
    @JsonProperty("authentication_secret") String authenticationSecret,
    @JsonProperty("reachable_from_cluster") Boolean reachableFromCluster) {

  public boolean isInsecure() {
    return Boolean.TRUE.equals(insecure);
  }

  public boolean isReachableFromCluster() {
    return Boolean.TRUE.equals(reachableFromCluster);
  }
}

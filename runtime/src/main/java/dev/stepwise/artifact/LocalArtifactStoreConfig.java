package dev.stepwise.artifact;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Config of the {@code local} artifact store flavor.
 *
 * @param path the directory holding the artifacts (required, absolute; created on first use)
 */
public record LocalArtifactStoreConfig(@JsonProperty("path") String path) {}

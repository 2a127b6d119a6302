package dev.stepwise.artifact;

import java.net.URI;

/**
 * Opens artifact stores of one URI scheme ({@code s3}, ...) from their root URI alone, so a step
 * entrypoint can reach the store named in its run spec. Registered with {@code @AutoService}.
 */
public interface ArtifactStoreScheme {

  String scheme();

  /** Opens the store; credentials come from the process environment, never from the URI. */
  ArtifactStore open(URI root);
}

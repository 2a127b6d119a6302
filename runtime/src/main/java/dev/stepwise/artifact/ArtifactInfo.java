package dev.stepwise.artifact;

import java.util.Objects;

/**
 * The {@code artifact.json} of a stored artifact, written after its data: its presence means the
 * artifact is complete.
 *
 * @param materializer the id of the materializer that wrote it
 * @param type the Java type it was stored as ({@link java.lang.reflect.Type#getTypeName()})
 */
public record ArtifactInfo(String materializer, String type) {
  public static final String FILE_NAME = "artifact.json";

  public ArtifactInfo {
    Objects.requireNonNull(materializer, "materializer");
    Objects.requireNonNull(type, "type");
  }
}

package dev.stepwise.artifact;

import dev.stepwise.support.JsonCodec;
import java.io.IOException;
import java.lang.reflect.Type;
import java.net.URI;
import java.util.Map;

/**
 * Stores values as artifact directories in one artifact store and loads them back, choosing the
 * materializer by type. An artifact directory holds its data file(s) and {@code artifact.json},
 * which is written last, so a half-written artifact is never taken for a complete one.
 */
public final class ArtifactStorage {
  private static final Map<String, String> BOXES = Map.of(
      "boolean", "java.lang.Boolean", "byte", "java.lang.Byte", "short", "java.lang.Short",
      "char", "java.lang.Character", "int", "java.lang.Integer", "long", "java.lang.Long",
      "float", "java.lang.Float", "double", "java.lang.Double");

  private final ArtifactStore store;
  private final Materializers materializers;

  public ArtifactStorage(ArtifactStore store, Materializers materializers) {
    this.store = store;
    this.materializers = materializers;
  }

  public ArtifactStore store() {
    return store;
  }

  /** The URI of {@code name} inside an artifact directory. */
  public static URI child(URI directory, String name) {
    String base = directory.toString();
    return URI.create(base.endsWith("/") ? base + name : base + "/" + name);
  }

  /** Stores {@code value} as {@code type} into {@code directory}, replacing what was there. */
  public void save(URI directory, Object value, Type type) throws ArtifactException {
    Materializer materializer = materializers.forType(type).orElseThrow(() -> new ArtifactException(
        "no materializer can store type " + type.getTypeName() + "; supported are primitives, "
            + "String, enums, byte[], records, Jackson beans and List/Set/Map of those, or add a "
            + "Materializer for it"));
    try {
      store.delete(directory); // a stale artifact.json must not vouch for new data
      materializer.store(value, type, store, directory);
      // a durable write: it also makes the data files written beside it with writeBeforeSibling durable
      ArtifactInfo info = new ArtifactInfo(materializer.id(), type.getTypeName());
      store.write(child(directory, ArtifactInfo.FILE_NAME),
          JsonCodec.mapper().writeValueAsBytes(info));
    } catch (IOException | RuntimeException e) {
      throw new ArtifactException("could not store " + type.getTypeName() + " value at " + directory
          + " with the " + materializer.id() + " materializer: " + e.getMessage(), e);
    }
  }

  /** Loads the artifact in {@code directory} as {@code type}, checking the recorded type first. */
  public Object load(URI directory, Type type) throws ArtifactException {
    ArtifactInfo info = info(directory);
    if (!sameType(info.type(), type.getTypeName()) && type != Object.class) {
      throw new ArtifactException("artifact at " + directory + " holds a " + info.type()
          + " but a " + type.getTypeName() + " was requested; wire an output of the requested type");
    }
    Materializer materializer = materializers.byId(info.materializer()).orElseThrow(() ->
        new ArtifactException("artifact at " + directory + " was written by the '"
            + info.materializer() + "' materializer, which is not on this class path; add the jar"
            + " that provides it"));
    try {
      return materializer.load(type, store, directory);
    } catch (IOException | RuntimeException e) {
      throw new ArtifactException("could not load the " + info.type() + " artifact at " + directory
          + ": " + e.getMessage(), e);
    }
  }

  /** The artifact's {@code artifact.json}; fails when the artifact is missing or incomplete. */
  public ArtifactInfo info(URI directory) throws ArtifactException {
    URI infoUri = child(directory, ArtifactInfo.FILE_NAME);
    if (!store.exists(infoUri)) {
      throw new ArtifactException("no complete artifact at " + directory + " (its "
          + ArtifactInfo.FILE_NAME + " is missing: never stored, or storing did not finish)");
    }
    try {
      return JsonCodec.mapper().readValue(store.read(infoUri), ArtifactInfo.class);
    } catch (IOException e) {
      throw new ArtifactException("unreadable " + infoUri + ": " + e.getMessage(), e);
    }
  }

  public boolean exists(URI directory) {
    return store.exists(child(directory, ArtifactInfo.FILE_NAME));
  }

  private static boolean sameType(String stored, String requested) {
    return BOXES.getOrDefault(stored, stored).equals(BOXES.getOrDefault(requested, requested));
  }
}

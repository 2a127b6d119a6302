package dev.stepwise.artifact;

import java.io.IOException;
import java.lang.reflect.Type;
import java.net.URI;

/**
 * Stores and loads values of some Java types as files in an artifact directory. Implementations
 * are found with {@link java.util.ServiceLoader} (register with {@code @AutoService(Materializer.class)})
 * and are asked before the built-in ones, so a jar can add types such as Spark's {@code Dataset<Row>}.
 */
public interface Materializer {

  /** A stable id recorded in each artifact's {@code artifact.json} ({@code json}, {@code bytes}). */
  String id();

  /** Whether this materializer can store and load values of {@code type}. */
  boolean canHandle(Type type);

  /**
   * Writes the data file(s) of {@code value} into {@code directory} (which may not exist yet). Files
   * directly in {@code directory} may be written with {@link ArtifactStore#writeBeforeSibling}: the
   * {@code artifact.json} written after them, beside them, makes them durable.
   */
  void store(Object value, Type type, ArtifactStore store, URI directory) throws IOException;

  /** Reads back a value of {@code type} from {@code directory}. */
  Object load(Type type, ArtifactStore store, URI directory) throws IOException;
}

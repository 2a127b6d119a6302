package dev.stepwise.spark.materializer;

import com.google.auto.service.AutoService;
import dev.stepwise.artifact.ArtifactStore;
import dev.stepwise.artifact.Materializer;
import dev.stepwise.step.SecretSessionConf;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URI;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Stores a {@code Dataset<Row>} as Parquet under the artifact's directory and reads it back, with
 * the step's own Spark session (the one active in the driver), so the data never passes through
 * the driver's memory.
 */
@AutoService(Materializer.class)
public final class DatasetMaterializer implements Materializer {
  static final String DATA = "data.parquet";

  @Override
  public String id() {
    return "spark-dataset-parquet";
  }

  @Override
  public boolean canHandle(Type type) {
    return type instanceof ParameterizedType p && p.getRawType() == Dataset.class
        && p.getActualTypeArguments().length == 1 && p.getActualTypeArguments()[0] == Row.class;
  }

  @Override
  public void store(Object value, Type type, ArtifactStore store, URI directory) throws IOException {
    if (!(value instanceof Dataset<?> dataset)) {
      throw new IOException("expected a Dataset<Row>, got " + (value == null ? "null" : value.getClass().getName()));
    }
    try {
      dataset.write().mode(SaveMode.ErrorIfExists).parquet(sparkPath(directory));
    } catch (Exception e) { // Spark's AnalysisException is checked but undeclared
      throw new IOException("could not write the Dataset as Parquet to " + sparkPath(directory) + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Object load(Type type, ArtifactStore store, URI directory) throws IOException {
    try {
      return session().read().parquet(sparkPath(directory));
    } catch (Exception e) { // Spark's AnalysisException is checked but undeclared
      throw new IOException("could not read the Parquet Dataset at " + sparkPath(directory) + ": " + e.getMessage(), e);
    }
  }

  /** The step's session: the active or default one; a new one only when the driver has none yet. */
  static SparkSession session() {
    if (SparkSession.getActiveSession().isDefined()) {
      return SparkSession.getActiveSession().get();
    }
    if (SparkSession.getDefaultSession().isDefined()) {
      return SparkSession.getDefaultSession().get();
    }
    // loading a step's Dataset input may come first: the session it creates needs the secret keys
    // (an S3A endpoint or credentials from a secret) exactly as the step's own session would
    SparkSession.Builder builder = SparkSession.builder();
    SecretSessionConf.forSession().forEach(builder::config);
    return builder.getOrCreate();
  }

  /** The Hadoop path of the data under an artifact directory ({@code s3://} is read through {@code s3a}). */
  static String sparkPath(URI directory) {
    return sparkPath(directory, DATA);
  }

  /** The Hadoop path of {@code name} under an artifact directory ({@code s3://} through {@code s3a}). */
  static String sparkPath(URI directory, String name) {
    String base = directory.toString().endsWith("/") ? directory.toString() : directory + "/";
    String path = URI.create(base).resolve(name).toString();
    return path.startsWith("s3://") ? "s3a://" + path.substring("s3://".length()) : path;
  }
}

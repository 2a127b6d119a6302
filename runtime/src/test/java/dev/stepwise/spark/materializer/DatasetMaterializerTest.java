package dev.stepwise.spark.materializer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.stepwise.artifact.LocalArtifactStore;
import dev.stepwise.artifact.Materializer;
import java.io.IOException;
import java.lang.reflect.Type;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dataset<Row> artifacts as Parquet, with a real local Spark session in this JVM. */
class DatasetMaterializerTest {
  private static final Type DATASET_OF_ROWS = new TypeReference<Dataset<Row>>() {}.getType();
  private static SparkSession spark;

  @TempDir Path dir;

  @BeforeAll
  static void startSpark() {
    spark = SparkSession.builder().master("local[2]").appName("materializer-test")
        .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate();
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  @Test
  void isFoundByTheServiceLoaderForDatasetOfRowsOnly() {
    List<Materializer> found = ServiceLoader.load(Materializer.class).stream().map(ServiceLoader.Provider::get).toList();
    Materializer m = found.stream().filter(x -> x instanceof DatasetMaterializer).findFirst().orElseThrow();
    assertTrue(m.canHandle(DATASET_OF_ROWS));
    assertFalse(m.canHandle(new TypeReference<Dataset<String>>() {}.getType()));
    assertFalse(m.canHandle(Dataset.class));
  }

  @Test
  void roundTripsThroughParquetUnderTheArtifactDirectory() throws Exception {
    LocalArtifactStore store = new LocalArtifactStore(dir);
    URI artifact = dir.resolve("runs/r1/outputs/words").toUri();
    Dataset<Row> words = spark.sql("SELECT * FROM VALUES ('spark', 3), ('step', 1) AS t(word, n)");
    DatasetMaterializer materializer = new DatasetMaterializer();

    materializer.store(words, DATASET_OF_ROWS, store, artifact);

    assertTrue(Files.isDirectory(dir.resolve("runs/r1/outputs/words/data.parquet")));
    @SuppressWarnings("unchecked")
    Dataset<Row> loaded = (Dataset<Row>) materializer.load(DATASET_OF_ROWS, store, artifact);
    assertEquals(List.of("spark=3", "step=1"),
        loaded.orderBy("word").collectAsList().stream().map(r -> r.getString(0) + "=" + r.getInt(1)).toList());
    IOException again = assertThrows(IOException.class, () -> materializer.store(words, DATASET_OF_ROWS, store, artifact));
    assertTrue(again.getMessage().contains("could not write"), "an artifact is never overwritten");
  }

  @Test
  void s3DirectoriesAreReadThroughS3a() {
    assertEquals("s3a://bucket/runs/r1/x/data.parquet", DatasetMaterializer.sparkPath(URI.create("s3://bucket/runs/r1/x")));
  }
}

package dev.stepwise.spark.materializer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.artifact.LocalArtifactStore;
import dev.stepwise.artifact.Materializer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spark ML models through their own save/load, with a real tiny model and a local[1] session in this JVM. */
class MLWritableMaterializerTest {
  private static SparkSession spark;

  @TempDir Path dir;

  @BeforeAll
  static void startSpark() {
    spark = SparkSession.builder().master("local[1]").appName("ml-materializer-test")
        .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "1").getOrCreate();
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  @Test
  void isFoundByTheServiceLoaderForMLWritableTypesOnly() {
    List<Materializer> found = ServiceLoader.load(Materializer.class).stream().map(ServiceLoader.Provider::get).toList();
    Materializer m = found.stream().filter(x -> x instanceof MLWritableMaterializer).findFirst().orElseThrow();
    assertTrue(m.canHandle(PipelineModel.class));
    assertTrue(m.canHandle(LogisticRegression.class), "estimators are MLWritable too");
    assertFalse(m.canHandle(String.class));
    assertFalse(m.canHandle(long.class));
    assertFalse(m.canHandle(Dataset.class));
  }

  @Test
  void aFittedPipelineRoundTripsAndPredictsTheSame() throws Exception {
    Dataset<Row> points = spark.sql("SELECT * FROM VALUES (0.0, 0.1, 0.0), (0.2, 0.0, 0.0), (0.1, 0.3, 0.0),"
        + " (1.0, 0.9, 1.0), (0.8, 1.1, 1.0), (1.2, 1.0, 1.0) AS t(x, y, label)");
    PipelineModel model = new Pipeline().setStages(new PipelineStage[] {
        new VectorAssembler().setInputCols(new String[] {"x", "y"}).setOutputCol("features"),
        new LogisticRegression().setMaxIter(20)}).fit(points);
    LocalArtifactStore store = new LocalArtifactStore(dir);
    URI artifact = dir.resolve("runs/r1/steps/train/output").toUri();
    MLWritableMaterializer materializer = new MLWritableMaterializer();

    materializer.store(model, PipelineModel.class, store, artifact);
    materializer.store(model, PipelineModel.class, store, artifact); // overwrite: a retried step may store again

    assertTrue(Files.isDirectory(dir.resolve("runs/r1/steps/train/output/model/stages")),
        "saved with Spark ML's own layout under <artifact>/model");
    Object loaded = materializer.load(PipelineModel.class, store, artifact);
    PipelineModel back = assertInstanceOf(PipelineModel.class, loaded);
    assertEquals(model.stages().length, back.stages().length);
    List<Double> expected = model.transform(points).select("prediction").as(org.apache.spark.sql.Encoders.DOUBLE()).collectAsList();
    List<Double> actual = back.transform(points).select("prediction").as(org.apache.spark.sql.Encoders.DOUBLE()).collectAsList();
    assertEquals(List.of(0.0, 0.0, 0.0, 1.0, 1.0, 1.0), expected);
    assertEquals(expected, actual);
  }

  @Test
  void aDeclaredTypeWithoutStaticLoadNamesTheFix() {
    IOException e = assertThrows(IOException.class,
        () -> new MLWritableMaterializer().load(MLWritable.class, new LocalArtifactStore(dir), dir.toUri()));
    assertTrue(e.getMessage().contains("declare the step's parameter or output as the concrete model class"),
        e.getMessage());
  }

  @Test
  void somethingElseIsRefused() {
    IOException e = assertThrows(IOException.class, () -> new MLWritableMaterializer()
        .store("not a model", PipelineModel.class, new LocalArtifactStore(dir), dir.toUri()));
    assertTrue(e.getMessage().contains("expected a Spark ML model"), e.getMessage());
  }
}

package dev.stepwise.examples.wine;

import dev.stepwise.annotations.ResourceSettings;
import dev.stepwise.annotations.SparkStepOperatorSettings;
import dev.stepwise.annotations.Step;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * The steps of the flagship example: tell the three cultivars of the UCI Wine data apart from
 * their chemistry. The two Spark steps run as Spark applications through whatever step operator
 * the active stack has ({@code Step.ACTIVE_STACK_OPERATOR}): the built-in {@code local_spark} on
 * {@code local[*]} on the default stack, a cluster or Kubernetes on yours. The first and last
 * steps run in the orchestrator's process.
 */
public final class WineClassifier {
  /** The thirteen measurements, in the file's column order. */
  static final List<String> FEATURES = List.of(
      "alcohol", "malic_acid", "ash", "alcalinity_of_ash", "magnesium", "total_phenols",
      "flavanoids", "nonflavanoid_phenols", "proanthocyanins", "color_intensity", "hue",
      "od280_od315", "proline");

  private WineClassifier() {}

  /** Checks that the data file is there and returns its absolute path for the Spark driver. */
  @Step
  public static String locateDataset(String path) throws IOException {
    Path file = Path.of(path).toAbsolutePath().normalize();
    if (!Files.isRegularFile(file)) {
      throw new IOException("no data file at " + file + "; run the example from the repository root"
          + " or pass the path of examples/data/wine.csv");
    }
    return file.toString();
  }

  /**
   * Parses scikit-learn's wine.csv (a header line {@code rows,features,class names...}, then 13
   * measurements and a class index per line) into a typed table, one row per wine.
   */
  @Step(stepOperator = Step.ACTIVE_STACK_OPERATOR)
  @ResourceSettings(cpuCount = 1, memory = "1GiB")
  @SparkStepOperatorSettings(deployMode = "client", submitArgs = {"spark.sql.shuffle.partitions=4"})
  public static Dataset<Row> loadWines(SparkSession spark, String csvPath) {
    Dataset<Row> lines = spark.read().text(csvPath)
        .withColumn("fields", functions.split(functions.col("value"), ","))
        .filter(functions.size(functions.col("fields")).equalTo(FEATURES.size() + 1));
    List<org.apache.spark.sql.Column> columns = new ArrayList<>();
    for (int i = 0; i < FEATURES.size(); i++) {
      columns.add(functions.col("fields").getItem(i).cast("double").as(FEATURES.get(i)));
    }
    columns.add(functions.col("fields").getItem(FEATURES.size()).cast("double").as("label"));
    return lines.select(columns.toArray(org.apache.spark.sql.Column[]::new));
  }

  /**
   * Trains a standardised multinomial logistic regression on three quarters of the wines and
   * measures it on the rest; Spark SQL computes the per-cultivar profile and the confusion matrix.
   */
  @Step(stepOperator = Step.ACTIVE_STACK_OPERATOR)
  @ResourceSettings(cpuCount = 2, memory = "1GiB")
  @SparkStepOperatorSettings(deployMode = "client", submitArgs = {"spark.sql.shuffle.partitions=4"})
  public static WineReport trainClassifier(SparkSession spark, Dataset<Row> wines) {
    Dataset<Row>[] split = wines.randomSplit(new double[] {0.75, 0.25}, 7L);
    Dataset<Row> train = split[0].cache();
    Dataset<Row> test = split[1].cache();

    PipelineModel model = new Pipeline().setStages(new PipelineStage[] {
        new VectorAssembler().setInputCols(FEATURES.toArray(String[]::new)).setOutputCol("raw"),
        new StandardScaler().setInputCol("raw").setOutputCol("features").setWithMean(true),
        new LogisticRegression().setFamily("multinomial").setMaxIter(200).setRegParam(0.01)
    }).fit(train);
    Dataset<Row> predictions = model.transform(test);
    MulticlassClassificationEvaluator evaluator = new MulticlassClassificationEvaluator()
        .setLabelCol("label").setPredictionCol("prediction");
    double accuracy = evaluator.setMetricName("accuracy").evaluate(predictions);
    double f1 = evaluator.setMetricName("f1").evaluate(predictions);

    long[][] confusion = new long[3][3];
    for (Row row : predictions.groupBy("label", "prediction").count().collectAsList()) {
      confusion[(int) row.getDouble(0)][(int) row.getDouble(1)] = row.getLong(2);
    }
    List<List<Long>> matrix = new ArrayList<>();
    for (long[] line : confusion) {
      matrix.add(List.of(line[0], line[1], line[2]));
    }

    wines.createOrReplaceTempView("wines");
    Map<String, WineReport.CultivarProfile> profiles = new LinkedHashMap<>();
    for (Row row : spark.sql("SELECT int(label) AS cultivar, count(*) AS n, avg(alcohol), avg(flavanoids),"
        + " avg(color_intensity), avg(proline) FROM wines GROUP BY label ORDER BY label").collectAsList()) {
      profiles.put("class_" + row.getInt(0), new WineReport.CultivarProfile(
          row.getLong(1), row.getDouble(2), row.getDouble(3), row.getDouble(4), row.getDouble(5)));
    }
    return new WineReport(train.count(), test.count(), accuracy, f1, matrix, profiles);
  }

  /** Formats the report for people and prints it. */
  @Step
  public static String printReport(WineReport report) {
    String text = report.render();
    System.out.println(text);
    return text;
  }
}

package dev.stepwise.spark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * The job whose run {@link SparkClassArchive} archives: what a small step's driver loads (a local
 * session, SQL with generated code, Parquet and JSON written and read back), through this Spark
 * home's spark-submit. It references Spark and the JDK only: it runs from a jar of its own, loaded
 * by Spark's application loader, so no Stepwise jar enters the archive's class path. It also writes
 * the driver's class path, against which the archive is checked before it is published.
 *
 * <p>Arguments: a scratch directory it may fill.
 */
public final class ClassArchiveTraining {
  /** Where in the scratch directory the driver's class path is written. */
  static final String CLASS_PATH_FILE = "classpath";

  private ClassArchiveTraining() {}

  public static void main(String[] args) throws IOException {
    Path work = Path.of(args[0]);
    Files.writeString(work.resolve(CLASS_PATH_FILE), System.getProperty("java.class.path"), StandardCharsets.UTF_8);
    SparkSession spark = SparkSession.builder().appName("stepwise-class-archive").getOrCreate();
    try {
      Dataset<Row> numbers = spark.range(0, 200_000).toDF("n")
          .withColumn("bucket", functions.col("n").mod(7))
          .withColumn("label", functions.concat(functions.lit("n-"), functions.col("n").cast("string")));
      Dataset<Row> counts = numbers.filter(functions.col("n").mod(2).equalTo(0))
          .groupBy("bucket").agg(functions.count("n").as("count"), functions.avg("n").as("mean"));
      String parquet = work.resolve("parquet").toString();
      counts.write().parquet(parquet);
      long read = spark.read().parquet(parquet).count();
      String json = work.resolve("json").toString();
      numbers.limit(1_000).write().json(json);
      long jsonRows = spark.read().json(json).filter(functions.col("label").startsWith("n-1")).count();
      numbers.createOrReplaceTempView("numbers");
      long sql = spark.sql("SELECT bucket, max(n) FROM numbers GROUP BY bucket ORDER BY bucket").collectAsList().size();
      System.out.println("class-data archive training: " + read + " " + jsonRows + " " + sql);
    } finally {
      spark.stop();
    }
  }
}

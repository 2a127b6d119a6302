import dev.stepwise.examples.wine.WineClassifier;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/** The flagship's Spark SQL step by hand, for spark-submit: reads the path, parses the wines, writes them as Parquet. */
public final class LoadWinesJob {
  public static void main(String[] args) throws Exception {
    String csv = Files.readString(Path.of(args[0]));
    SparkSession spark = SparkSession.builder().getOrCreate();
    try {
      WineClassifier.loadWines(spark, csv).write().parquet(args[1]);
    } finally {
      spark.stop();
    }
  }
}

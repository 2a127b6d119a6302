import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepwise.examples.wine.WineClassifier;
import dev.stepwise.examples.wine.WineReport;
import java.io.File;
import org.apache.spark.sql.SparkSession;

/** The flagship's Spark ML step by hand, for spark-submit: reads the Parquet wines, trains, writes the report as JSON. */
public final class TrainClassifierJob {
  public static void main(String[] args) throws Exception {
    SparkSession spark = SparkSession.builder().getOrCreate();
    try {
      WineReport report = WineClassifier.trainClassifier(spark, spark.read().parquet(args[0]));
      new ObjectMapper().writeValue(new File(args[1]), report);
    } finally {
      spark.stop();
    }
  }
}

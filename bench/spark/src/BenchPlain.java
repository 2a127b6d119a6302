import org.apache.spark.sql.SparkSession;

/** The benchmark's Spark job as a plain program: count the even numbers below 100,000 on local[2]. */
public final class BenchPlain {
  public static void main(String[] args) {
    SparkSession spark = SparkSession.builder().master(System.getProperty("spark.master", "local[2]"))
        .config("spark.ui.enabled", "false").getOrCreate();
    try {
      long evens = spark.range(0, 100_000).filter("id % 2 = 0").count();
      System.out.println("counted " + evens);
    } finally {
      spark.stop();
    }
  }
}

package dev.stepwise.spark.apps;

import org.apache.spark.sql.SparkSession;

/** A small Spark job: counts a range and prints the count and its first argument. */
public final class CountApp {
  public static void main(String[] args) {
    SparkSession spark = SparkSession.builder().getOrCreate();
    try {
      long count = spark.range(0, 100_000).filter("id % 2 = 0").count();
      System.out.println("count=" + count + " arg=" + (args.length > 0 ? args[0] : ""));
      System.out.println("env=" + System.getenv().getOrDefault("STEPWISE_TEST_SECRET", "<unset>").length());
    } finally {
      spark.stop();
    }
  }
}

package dev.stepwise.spark.apps;

import org.apache.spark.sql.SparkSession;

/** Starts Spark, reports FINISHED from spark.stop(), then exits with the step-failed code. */
public final class FailingApp {
  public static void main(String[] args) {
    SparkSession spark = SparkSession.builder().getOrCreate();
    spark.range(10).count();
    spark.stop();
    System.err.println("java.lang.IllegalStateException: the word list is empty");
    System.exit(66);
  }
}

package dev.stepwise.spark.apps;

import org.apache.spark.api.java.function.ForeachFunction;
import org.apache.spark.sql.SparkSession;

/** Starts Spark and sleeps in a Spark task, so only killing ends it. */
public final class SleepingApp {
  public static void main(String[] args) throws Exception {
    SparkSession spark = SparkSession.builder().getOrCreate();
    System.out.println("sleeping");
    spark.range(2).repartition(2).foreach((ForeachFunction<Long>) x -> Thread.sleep(120_000));
    spark.stop();
  }
}

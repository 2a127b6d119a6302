package dev.stepwise.s3.apps;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;

import dev.stepwise.artifact.ArtifactStore;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * A Spark job in its own JVM: writes {@code id, id*2} for ids below {@code args[1]} as Parquet to
 * {@code args[0]} (an {@code s3a://} or {@code s3://} URI), reads it back and prints
 * {@code rows=N sum=S}. Its S3 settings come from {@code spark.*} system properties and the
 * credentials from its environment only. With {@code args[2]}, an artifact store root, it also opens
 * that store from the URI alone (as a step entrypoint does) and writes {@code from-child.json}.
 */
public final class S3ParquetRoundTrip {
  private S3ParquetRoundTrip() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 2) {
      ArtifactStore store = ArtifactStore.at(URI.create(args[2]));
      store.write(store.resolve("from-child.json"), "{\"ok\":true}".getBytes(StandardCharsets.UTF_8));
    }
    String target = args[0];
    long n = Long.parseLong(args[1]);
    SparkSession spark = SparkSession.builder().appName("s3-roundtrip").master("local[2]")
        .config("spark.ui.enabled", "false").getOrCreate();
    try {
      Dataset<Row> rows = spark.range(n).withColumn("doubled", col("id").multiply(2));
      rows.write().mode(SaveMode.Overwrite).parquet(target);
      Dataset<Row> back = spark.read().parquet(target);
      Row totals = back.agg(sum("doubled")).first();
      System.out.println("rows=" + back.count() + " sum=" + totals.getLong(0));
    } finally {
      spark.stop();
    }
  }
}

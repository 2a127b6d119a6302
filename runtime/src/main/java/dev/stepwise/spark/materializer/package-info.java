/**
 * Materializers for Spark values: {@code Dataset<Row>} as Parquet and Spark ML models through their
 * own save and load. Loaded reflectively so the runtime runs without Spark on the class path. May
 * import {@code artifact} and {@code support}.
 */
package dev.stepwise.spark.materializer;

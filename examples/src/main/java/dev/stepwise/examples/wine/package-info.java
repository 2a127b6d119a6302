/**
 * The flagship example: a wine cultivar classifier whose Spark SQL and Spark ML steps run through
 * the active stack's step operator. May import the annotations, the runtime's {@code pipeline}
 * API and Spark.
 */
package dev.stepwise.examples.wine;

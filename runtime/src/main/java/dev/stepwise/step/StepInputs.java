package dev.stepwise.step;

import org.apache.spark.sql.SparkSession;

/** What a generated {@link StepProgram#invoke} reads its arguments from. */
public interface StepInputs {

  /**
   * The loaded value of the input parameter {@code name}, already of the parameter's type
   * (the generated code lets {@code T} be inferred from the parameter it is passed to).
   */
  <T> T value(String name);

  /** The active Spark session, created if there is none; only for steps with a SparkSession parameter. */
  SparkSession sparkSession();
}

package dev.stepwise.processor.validation;

import dev.stepwise.annotations.ResourceSettings;
import dev.stepwise.annotations.SparkStepOperatorSettings;
import dev.stepwise.annotations.Step;

/** Qualified names of the Stepwise annotations and of the other types the processor knows by name. */
public final class KnownNames {
  private KnownNames() {}

  public static final String STEP = Step.class.getCanonicalName();
  public static final String RESOURCE_SETTINGS = ResourceSettings.class.getCanonicalName();
  public static final String SPARK_SETTINGS = SparkStepOperatorSettings.class.getCanonicalName();

  // Spark types are recognised by name: the processor has no Spark dependency.
  public static final String SPARK_SESSION = "org.apache.spark.sql.SparkSession";
  public static final String DATASET = "org.apache.spark.sql.Dataset";
  public static final String ROW = "org.apache.spark.sql.Row";
  public static final String ML_WRITABLE = "org.apache.spark.ml.util.MLWritable";
  public static final String JSON_CREATOR = "com.fasterxml.jackson.annotation.JsonCreator";
}

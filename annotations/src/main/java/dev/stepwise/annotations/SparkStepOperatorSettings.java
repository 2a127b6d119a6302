package dev.stepwise.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Per-step settings of the Spark step operator. They override the step operator component's
 * configuration for this step only; run-time overrides in turn override them. Every Spark key
 * that results remembers where it came from ({@code stepwise step explain} shows it). Only valid
 * together with {@link Step}; on a step without a step operator it has no effect and the compiler
 * warns.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface SparkStepOperatorSettings {

  /**
   * Where the Spark driver (and so the step's code) runs: {@code "client"} (in the process that
   * submits) or {@code "cluster"} (inside the cluster). Empty (the default) keeps the component's
   * {@code deploy_mode}.
   */
  String deployMode() default "";

  /**
   * Extra Spark properties, each {@code "spark.some.key=value"}, applied after the component's
   * {@code submit_kwargs}. A key that overrides one mapped from {@link ResourceSettings} draws a
   * compiler warning and a warning in the run log.
   */
  String[] submitArgs() default {};

  /** Cores of the Spark driver ({@code spark.driver.cores}). {@code 0} (the default) means unset. */
  int driverCores() default 0;

  /**
   * Memory of the Spark driver ({@code spark.driver.memory}) as a Spark memory string such as
   * {@code "2g"} or {@code "512m"}. Empty (the default) means unset.
   */
  String driverMemory() default "";

  /** Number of executors ({@code spark.executor.instances}). {@code 0} (the default) means unset. */
  int executorInstances() default 0;

  /**
   * The base image of this step's container on Kubernetes ({@code spark-kubernetes} step
   * operators), replacing the image builder's {@code parent_image} for this step only: a Spark
   * image reference such as {@code "apache/spark:4.2.0-scala2.13-java17-python3-ubuntu"}, best
   * pinned by digest ({@code "registry.example.com/spark@sha256:..."}), {@code "tar:///abs/base.tar"}
   * or {@code "scratch"}. Steps of a run with the same parent share one image. Empty (the default)
   * keeps the image builder's; other step operators ignore it.
   */
  String parentImage() default "";
}

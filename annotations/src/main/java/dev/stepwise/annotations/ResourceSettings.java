package dev.stepwise.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The resources one step needs, in the units of ZenML's {@code ResourceSettings}. A step operator
 * maps them onto its backend exactly; on Spark they size the executors ({@code stepwise step explain}
 * prints the resulting keys). Only valid together with {@link Step}.
 *
 * <pre>{@code
 * @Step(stepOperator = "spark_step_operator")
 * @ResourceSettings(cpuCount = 2, memory = "4GiB")
 * public static long countWords(SparkSession spark, String text) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface ResourceSettings {

  /**
   * CPU cores per executor. Fractions are allowed ({@code 0.5}): Spark gets the ceiling as
   * {@code spark.executor.cores}, Kubernetes pod requests keep the exact value. {@code 0} (the
   * default) means unset; negative, NaN or infinite values are compile errors.
   */
  double cpuCount() default 0;

  /**
   * GPUs per executor. {@code 0} (the default) means none; negative values are compile errors.
   */
  int gpuCount() default 0;

  /**
   * Memory per executor as an integer and a unit, matching
   * {@code ^[0-9]+(KB|KiB|MB|MiB|GB|GiB|TB|TiB|PB|PiB)$}: {@code "512MiB"}, {@code "4GB"}. SI units
   * are powers of 1000 ({@code 4GB} = 4,000,000,000 bytes), binary units powers of 1024 ({@code 4GiB}
   * = 4,294,967,296 bytes); the runtime converts, it never relabels. Empty (the default) means unset.
   */
  String memory() default "";
}

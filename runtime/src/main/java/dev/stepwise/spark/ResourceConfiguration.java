package dev.stepwise.spark;

import dev.stepwise.step.StepMetadata;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Layer 1: {@code @ResourceSettings} and the driver settings of {@code @SparkStepOperatorSettings}
 * mapped exactly onto Spark keys (memory converted to Spark units, cores rounded up, GPUs with a
 * discovery script). On a local master the step runs inside the driver's JVM, so memory sizes the
 * driver ({@code spark.driver.memory}) and cores become the master's {@code local[N]}.
 */
public final class ResourceConfiguration implements SparkConfLayer {
  /**
   * The key that carries a local master's thread count from {@code cpuCount}: spark-submit's
   * {@code --master} gets the same value, and explain shows where it came from.
   */
  public static final String LOCAL_MASTER_KEY = "spark.master";
  private final Supplier<Path> gpuDiscoveryScript;

  public ResourceConfiguration(Supplier<Path> gpuDiscoveryScript) {
    this.gpuDiscoveryScript = gpuDiscoveryScript;
  }

  @Override
  public void apply(SparkStepRequest request, SparkStepOperatorConfig config, SparkConfBuilder conf) {
    boolean local = config.parsedMaster().kind() == SparkMaster.Kind.LOCAL;
    request.step().resourceSettings().ifPresent(resources -> {
      ConfSource source = ConfSource.RESOURCE_SETTINGS;
      exactCores(resources).ifPresent(cores -> {
        String whole = cores.setScale(0, RoundingMode.CEILING).toPlainString();
        if (local) {
          // a local master has no executors: its task threads are the N of local[N], nothing else
          conf.set(LOCAL_MASTER_KEY, "local[" + whole + "]", source);
        } else {
          conf.set("spark.executor.cores", whole, source);
        }
      });
      if (!resources.memory().isBlank()) {
        // on a local master the executor lives in the driver's JVM, which only spark.driver.memory
        // sizes (spark-submit turns it into -Xmx); spark.executor.memory would have no effect
        conf.set(local ? "spark.driver.memory" : "spark.executor.memory",
            SparkMemory.fromResourceSize(resources.memory()), source);
      }
      if (resources.gpuCount() < 0) {
        throw new IllegalArgumentException("gpuCount must not be negative, got " + resources.gpuCount());
      }
      if (resources.gpuCount() > 0) {
        String gpus = Integer.toString(resources.gpuCount());
        conf.set("spark.executor.resource.gpu.amount", gpus, source);
        conf.set("spark.task.resource.gpu.amount", gpus, source);
        conf.set("spark.executor.resource.gpu.discoveryScript", gpuDiscoveryScript.get().toString(), source);
      }
    });
    request.step().sparkSettings().ifPresent(spark -> {
      ConfSource source = ConfSource.SPARK_SETTINGS;
      if (spark.driverCores() < 0 || spark.executorInstances() < 0) {
        throw new IllegalArgumentException("driverCores and executorInstances must not be negative");
      }
      if (spark.driverCores() > 0) {
        conf.set("spark.driver.cores", Integer.toString(spark.driverCores()), source);
      }
      if (!spark.driverMemory().isBlank()) {
        conf.set("spark.driver.memory", SparkMemory.fromDriverMemory(spark.driverMemory()), source);
      }
      if (spark.executorInstances() > 0) {
        conf.set("spark.executor.instances", Integer.toString(spark.executorInstances()), source);
      }
    });
  }

  /**
   * The exact CPU request ({@code 0.5}, {@code 1.5}); Spark gets its ceiling, Kubernetes pod
   * requests ({@code spark.kubernetes.executor.request.cores}) keep the fraction.
   */
  public static Optional<BigDecimal> exactCores(StepMetadata.Resources resources) {
    double cpu = resources.cpuCount();
    if (Double.isNaN(cpu) || Double.isInfinite(cpu) || cpu < 0) {
      throw new IllegalArgumentException("cpuCount must be a positive number, got " + cpu);
    }
    return cpu == 0 ? Optional.empty() : Optional.of(BigDecimal.valueOf(cpu).stripTrailingZeros());
  }
}

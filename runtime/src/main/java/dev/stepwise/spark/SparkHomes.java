package dev.stepwise.spark;

import dev.stepwise.support.StepwiseCacheDir;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Chooses the Spark home of a launch: the component's {@code spark_home}, else {@code SPARK_HOME}, else the embedded one. */
public final class SparkHomes {
  private SparkHomes() {}

  public static Path select(SparkStepOperatorConfig config, Map<String, String> env, StepwiseCacheDir cache) {
    if (config.sparkHomePath().isPresent()) {
      return config.sparkHomePath().get().toAbsolutePath();
    }
    String fromEnv = env.get("SPARK_HOME");
    if (fromEnv != null && !fromEnv.isBlank()) {
      Path home = Path.of(fromEnv).toAbsolutePath();
      if (!Files.isExecutable(home.resolve("bin/spark-submit"))) {
        throw new IllegalArgumentException("SPARK_HOME=" + fromEnv + " has no executable bin/spark-submit; "
            + "point it at a Spark installation or unset it to use the embedded Spark");
      }
      return home;
    }
    return EmbeddedSparkHome.assemble(cache);
  }

  /** The GPU discovery script Stepwise ships, materialized in the cache. */
  public static Path gpuDiscoveryScript(StepwiseCacheDir cache) {
    return cache.materializeExecutable("dev/stepwise/spark/gpu-discovery.sh", "gpu-discovery", ".sh");
  }
}

package dev.stepwise.spark;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.spark.launcher.JavaModuleOptions;

/**
 * Layer 2 for {@code spark://} masters: in cluster mode the submitting process waits for the
 * driver to end, so its exit code and the step's state mean the application's outcome (client
 * mode ignores the key).
 */
public final class StandaloneBackend implements SparkConfLayer {
  static final ConfSource SOURCE = ConfSource.layer("backend", "standalone");
  static final String DRIVER_JAVA_OPTIONS = "spark.driver.extraJavaOptions";

  @Override
  public void apply(SparkStepRequest request, SparkStepOperatorConfig config, SparkConfBuilder conf) {
    conf.set("spark.standalone.submit.waitAppCompletion", "true", SOURCE);
  }

  /**
   * A cluster-mode driver is started by a worker from {@code spark.driver.extraJavaOptions} alone,
   * without the {@code --add-opens} flags Spark's launcher gives a client-mode driver, so Kryo and
   * Spark's off-heap code fail on Java 17. Adds Spark's own list after whatever the user set (run
   * after every layer and override, so the user's value is kept, not replaced).
   */
  static void addDriverModuleOptions(SparkConfBuilder conf) {
    Optional<SparkConfEntry> given = conf.get(DRIVER_JAVA_OPTIONS);
    String user = given.map(SparkConfEntry::value).orElse("").trim();
    List<String> present = Arrays.asList(user.split("\\s+"));
    String missing = Arrays.stream(JavaModuleOptions.defaultModuleOptionArray())
        .filter(option -> !present.contains(option))
        .collect(Collectors.joining(" "));
    if (missing.isEmpty()) {
      return;
    }
    ConfSource source = given.map(entry -> new ConfSource(entry.source() + " + " + SOURCE)).orElse(SOURCE);
    conf.extend(DRIVER_JAVA_OPTIONS, user.isEmpty() ? missing : user + " " + missing, source);
  }
}

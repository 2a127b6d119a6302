package dev.stepwise.spark;

/**
 * Layer 2 for {@code spark://} masters: in cluster mode the submitting process waits for the
 * driver to end, so its exit code and the step's state mean the application's outcome (client
 * mode ignores the key).
 */
public final class StandaloneBackend implements SparkConfLayer {
  private static final ConfSource SOURCE = ConfSource.layer("backend", "standalone");

  @Override
  public void apply(SparkStepRequest request, SparkStepOperatorConfig config, SparkConfBuilder conf) {
    conf.set("spark.standalone.submit.waitAppCompletion", "true", SOURCE);
  }
}

package dev.stepwise.spark;

/**
 * One layer of a submission's Spark keys (resources, backend, io, additional). Backend layers are
 * chosen by master (the Kubernetes flavor adds its own); io layers by artifact store (S3 adds one).
 */
@FunctionalInterface
public interface SparkConfLayer {
  void apply(SparkStepRequest request, SparkStepOperatorConfig config, SparkConfBuilder conf);

  SparkConfLayer NONE = (request, config, conf) -> {};
}

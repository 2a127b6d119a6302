package dev.stepwise.s3;

import dev.stepwise.artifact.ArtifactStore;
import dev.stepwise.spark.ArtifactStoreIo;
import dev.stepwise.spark.ConfSource;
import dev.stepwise.spark.SecretSparkConf;
import dev.stepwise.spark.SparkConfBuilder;
import dev.stepwise.spark.SparkMaster;
import dev.stepwise.spark.SparkStepOperatorConfig;
import dev.stepwise.spark.SparkStepRequest;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The S3 io layer as an {@link ArtifactStoreIo} for the submission planner. Its keys are never secret;
 * the launcher must add {@link #environment()} to the {@code spark-submit} child's environment.
 */
public final class S3SparkIoLayer implements ArtifactStoreIo {
  public static final ConfSource SOURCE = ConfSource.layer("io", "s3");

  private final S3SparkIo io;

  public S3SparkIoLayer(S3SparkIo io) {
    this.io = Objects.requireNonNull(io, "io");
  }

  /** The layer for {@code store}; resolves its secret now, at the moment of use. */
  public static S3SparkIoLayer of(S3ArtifactStore store) {
    return new S3SparkIoLayer(S3SparkIoConfiguration.forStore(store));
  }

  /** The layer for a run's artifact store when it is an S3 one; empty for other stores. */
  public static Optional<S3SparkIoLayer> forArtifactStore(ArtifactStore store) {
    return store instanceof S3ArtifactStore s3 ? Optional.of(of(s3)) : Optional.empty();
  }

  @Override
  public void apply(SparkStepRequest request, SparkStepOperatorConfig config, SparkConfBuilder conf) {
    io.conf().forEach(setting -> conf.set(setting.key(), setting.value(), SOURCE));
    if (config.parsedMaster().kind() == SparkMaster.Kind.STANDALONE && !io.secretEnvironmentNames().isEmpty()) {
      // a standalone worker starts executors with the application's environment, not the worker's:
      // the driver copies its credential variables into spark.executorEnv.* (names only here)
      conf.set(SecretSparkConf.EXECUTOR_ENV_FROM_DRIVER, String.join(",", new java.util.TreeSet<>(io.secretEnvironmentNames())), SOURCE);
    }
  }

  /** Variables for the launched process, credentials included: never log or print them. */
  @Override
  public Map<String, String> environment() {
    return io.environment();
  }

  public S3SparkIo io() {
    return io;
  }
}

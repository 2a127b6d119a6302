package dev.stepwise.spark;

import dev.stepwise.artifact.ArtifactStore;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The io layer of a submission: what a run's artifact store adds so the driver and executors can
 * read and write it (e.g. {@code spark.hadoop.fs.s3a.*}). Its keys are never secret; credentials go
 * into {@link #environment()}, which the launcher puts into the {@code spark-submit} child's
 * environment only (never argv, never {@code --conf}).
 */
public interface ArtifactStoreIo extends SparkConfLayer {
  /** A local store needs nothing: the driver runs on this machine. */
  ArtifactStoreIo NONE = new ArtifactStoreIo() {
    @Override
    public void apply(SparkStepRequest request, SparkStepOperatorConfig config, SparkConfBuilder conf) {}

    @Override
    public Map<String, String> environment() {
      return Map.of();
    }
  };

  /** Variables for the launched process, credentials included: never log or print them. */
  Map<String, String> environment();

  /** Makes the io layer for the kinds of store it knows; found with {@link ServiceLoader}. */
  interface Source {
    /** The layer for {@code store}, resolving its secret now (the moment of use); empty for other kinds. */
    Optional<ArtifactStoreIo> forStore(ArtifactStore store);
  }

  /** The io layer for a run's own artifact store (not the active stack's), or {@link #NONE}. */
  static ArtifactStoreIo forStore(ArtifactStore store) {
    for (Source source : ServiceLoader.load(Source.class, ArtifactStoreIo.class.getClassLoader())) {
      Optional<ArtifactStoreIo> io = source.forStore(store);
      if (io.isPresent()) {
        return io.get();
      }
    }
    return NONE;
  }
}

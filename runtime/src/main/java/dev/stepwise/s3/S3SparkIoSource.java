package dev.stepwise.s3;

import com.google.auto.service.AutoService;
import dev.stepwise.artifact.ArtifactStore;
import dev.stepwise.spark.ArtifactStoreIo;
import java.util.Optional;

/** Gives the Spark step operator the S3 io layer when a run's artifact store is an S3 one. */
@AutoService(ArtifactStoreIo.Source.class)
public final class S3SparkIoSource implements ArtifactStoreIo.Source {
  @Override
  public Optional<ArtifactStoreIo> forStore(ArtifactStore store) {
    return S3SparkIoLayer.forArtifactStore(store).map(layer -> layer);
  }
}

package dev.stepwise.spark;

import com.google.auto.service.AutoService;
import dev.stepwise.artifact.ArtifactStore;
import dev.stepwise.operator.StepLaunchRecords;
import dev.stepwise.support.JsonCodec;
import java.io.IOException;
import java.net.URI;
import java.util.Optional;

/** The Spark step operator's {@code spark-launch.json}, read when the JVM that launched the step is gone. */
@AutoService(StepLaunchRecords.class)
public final class SparkLaunchRecords implements StepLaunchRecords {

  @Override
  public Optional<String> settleVanished(ArtifactStore store, URI stepDirectory) {
    URI uri = stepDirectory.resolve(SparkStepOperator.LAUNCH_RECORD);
    if (!store.exists(uri)) {
      return Optional.empty();
    }
    SparkLaunchRecord record;
    try {
      record = JsonCodec.mapper().readValue(store.read(uri), SparkLaunchRecord.class);
    } catch (IOException e) {
      return Optional.empty(); // half-written by a launcher killed mid-write: the generic reason applies
    }
    return record.settleOrphan();
  }
}

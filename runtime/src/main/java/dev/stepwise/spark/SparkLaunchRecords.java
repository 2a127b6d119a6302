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
    return read(store, stepDirectory).flatMap(SparkLaunchRecord::settleOrphan);
  }

  /**
   * A standalone cluster-mode driver runs on a worker: once its launcher is gone, the submitting
   * client left behind is ended, and the master says whether the driver still runs.
   */
  @Override
  public Optional<String> stillRunning(ArtifactStore store, URI stepDirectory) {
    Optional<SparkLaunchRecord> found = read(store, stepDirectory);
    if (found.isEmpty() || found.get().driverId() == null || found.get().masterWebUi() == null
        || found.get().launcherAlive()) {
      return Optional.empty();
    }
    SparkLaunchRecord record = found.get();
    record.killOrphan();
    // only /json is asked here
    StandaloneMasterApi api = new StandaloneMasterApi(URI.create(record.masterWebUi()), URI.create(record.masterWebUi()));
    try {
      return api.state().activeDriver(record.driverId()).map(driver -> "cluster-mode driver " + record.driverId()
          + " is " + driver.state() + " on " + record.master());
    } catch (IOException e) {
      return Optional.of("cluster-mode driver " + record.driverId() + " may still run: the master's web UI "
          + api.webUi() + " did not answer (" + e.getMessage() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("cluster-mode driver " + record.driverId() + " may still run on " + record.master());
    }
  }

  /** Kills a cluster-mode driver that outlived its launcher, through the master, and confirms it ended. */
  @Override
  public Optional<Stopped> stopDetached(ArtifactStore store, URI stepDirectory) {
    Optional<SparkLaunchRecord> found = read(store, stepDirectory);
    if (found.isEmpty() || found.get().driverId() == null || found.get().masterWebUi() == null) {
      return Optional.empty();
    }
    SparkLaunchRecord record = found.get();
    StandaloneMasterApi api = new StandaloneMasterApi(URI.create(record.masterWebUi()),
        URI.create(record.masterRest() == null ? record.masterWebUi() : record.masterRest()));
    Optional<String> problem = api.killConfirmed(record.driverId());
    return Optional.of(problem.map(why -> new Stopped(false, why))
        .orElse(new Stopped(true, "cluster-mode driver " + record.driverId() + " was killed on " + record.master())));
  }

  private static Optional<SparkLaunchRecord> read(ArtifactStore store, URI stepDirectory) {
    URI uri = stepDirectory.resolve(SparkStepOperator.LAUNCH_RECORD);
    if (!store.exists(uri)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JsonCodec.mapper().readValue(store.read(uri), SparkLaunchRecord.class));
    } catch (IOException e) {
      return Optional.empty(); // half-written by a launcher killed mid-write: the generic reason applies
    }
  }
}

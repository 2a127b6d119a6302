package dev.stepwise.operator;

import dev.stepwise.artifact.ArtifactStore;
import java.net.URI;
import java.util.Optional;

/**
 * Reads the launch record a step operator leaves in a step's directory, for a run whose
 * orchestrator process is gone. Implementations are found with {@link java.util.ServiceLoader}
 * ({@code @AutoService(StepLaunchRecords.class)}), so the orchestrator needs no compile-time
 * dependency on the operators (the Spark one lives in {@code dev.stepwise.spark}).
 */
public interface StepLaunchRecords {

  /**
   * When this operator's record is in {@code stepDirectory} and the process that launched the step
   * is gone: ends whatever of the launch survived it (an orphaned spark-submit) and returns why the
   * step is over. Empty when there is no such record or its launcher still lives.
   */
  Optional<String> settleVanished(ArtifactStore store, URI stepDirectory);

  /**
   * When this operator's record is in {@code stepDirectory}, its launcher is gone, and the step's
   * work runs on without it (a driver pod, a standalone cluster-mode driver): what runs where, in one
   * phrase ("driver pod ns:name is Running on k8s://..."), so the run is shown as interrupted and
   * {@code stepwise run resume} can follow it. Also when the cluster cannot be asked right now (the
   * phrase says it may still run): resuming is safe, closing the step as failed would not be. Empty
   * when there is no such record or nothing of the step runs on. Leftovers on this machine (a
   * submitting client) are ended either way.
   */
  default Optional<String> stillRunning(ArtifactStore store, URI stepDirectory) {
    return Optional.empty();
  }

  /**
   * For a step {@link #stillRunning} found running without its launcher: stops that work on its
   * cluster (deletes the driver pod, kills the driver) and returns once that is confirmed; empty
   * when there is no record of this operator, else what happened ({@link Stopped}).
   */
  default Optional<Stopped> stopDetached(ArtifactStore store, URI stepDirectory) {
    return Optional.empty();
  }

  /** How stopping a step's detached work went: confirmed, or why not (the work may still run). */
  record Stopped(boolean confirmed, String what) {}
}

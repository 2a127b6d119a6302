package dev.stepwise.pipeline;

import dev.stepwise.artifact.LocalArtifactStore;
import dev.stepwise.orchestrator.RunStore;
import java.nio.file.Path;

/** Writes a run's cancel marker from its own JVM: {@code RequestCancelMain ARTIFACT_DIR RUN_ID}. */
public final class RequestCancelMain {
  private RequestCancelMain() {}

  public static void main(String[] args) throws Exception {
    new RunStore(new LocalArtifactStore(Path.of(args[0]))).requestCancel(args[1]);
  }
}

package dev.stepwise.orchestrator;

import dev.stepwise.artifact.LocalArtifactStore;
import java.nio.file.Path;

/**
 * Reads one run as {@code stepwise run describe} would (closing it if its process is surely gone)
 * and prints its state and liveness; for running in another PID namespace. Args: store, run id.
 */
public final class ReadRunMain {
  public static void main(String[] args) throws Exception {
    RunRecord run = new RunStore(new LocalArtifactStore(Path.of(args[0]))).describe(args[1]).orElseThrow();
    System.out.println("STATE " + run.state());
    run.liveness().ifPresent(l -> System.out.println("LIVENESS " + l.state() + " " + l.explanation()));
  }
}

package dev.stepwise.orchestrator;

import dev.stepwise.artifact.ArtifactStore;
import java.io.IOException;
import java.util.List;
import java.util.function.Predicate;

/**
 * The runs that may still be going in a store: not ended, and their process not surely gone
 * (alive, or unknown from here). Deleting the stack or store such a run uses would leave it
 * unreachable by {@code stepwise run ...}, so those deletes ask for these first.
 */
public final class RunsInUse {
  private RunsInUse() {}

  public static List<RunRecord> in(ArtifactStore store, Predicate<RunRecord> uses) throws IOException {
    // listing closes runs whose process is surely gone, so what is left may still be going
    return new RunStore(store).listing().runs().stream()
        .filter(run -> !run.state().isFinal())
        .filter(uses)
        .toList();
  }

  /** One line per run for an error message: id, state, what is known of its process. */
  public static String describe(List<RunRecord> runs) {
    return String.join("; ", runs.stream().map(run -> run.runId() + " (" + run.state()
        + run.liveness().map(l -> l.state() == Liveness.State.UNKNOWN ? ", process unknown: " + l.explanation() : "")
            .orElse("") + ")").toList());
  }
}

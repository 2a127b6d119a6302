package dev.stepwise.orchestrator;

import dev.stepwise.artifact.ArtifactStore;
import dev.stepwise.operator.StepLaunchRecords;
import dev.stepwise.operator.StepState;
import dev.stepwise.step.StepError;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes the record of a run whose orchestrator process died without recording its end (SIGKILL,
 * a crash): its running steps become FAILED with the reason (read from the step operators' launch
 * records, whose survivors are killed), its pending steps SKIPPED, and the run FAILED.
 */
final class VanishedRuns {
  private static final Logger LOG = LoggerFactory.getLogger(VanishedRuns.class);

  private final List<StepLaunchRecords> launchRecords;

  VanishedRuns(List<StepLaunchRecords> launchRecords) {
    this.launchRecords = List.copyOf(launchRecords);
  }

  static VanishedRuns fromServiceLoader() {
    List<StepLaunchRecords> found = new ArrayList<>();
    try {
      ServiceLoader.load(StepLaunchRecords.class, VanishedRuns.class.getClassLoader()).forEach(found::add);
    } catch (ServiceConfigurationError e) {
      LOG.warn("a step launch record reader could not be loaded: {}", e.getMessage());
    }
    return new VanishedRuns(found);
  }

  /** The closed record of an orphaned run; {@code stepDirectory} maps an invocation to its directory. */
  RunRecord settle(RunRecord run, Function<String, URI> stepDirectory,
      ArtifactStore store) {
    RunRecord.OrchestratorProcess process = run.orchestrator().orElseThrow();
    String died = "the orchestrator process (pid " + process.pid() + " on " + process.host()
        + ") died while the step ran, so its outcome is unknown";
    Instant now = Instant.now();
    List<StepRecord> steps = new ArrayList<>();
    for (StepRecord step : run.steps()) {
      if (step.state() == StepState.RUNNING) {
        String reason = reason(store, stepDirectory.apply(step.invocationId())).orElse(died);
        steps.add(step.ended(StepState.FAILED, Optional.empty(), Optional.of(StepError.of(reason)),
            Optional.empty(), now));
      } else if (!step.state().isFinal()) {
        steps.add(step.ended(StepState.SKIPPED, Optional.empty(), Optional.of(StepError.of(
            "never started: the orchestrator process (pid " + process.pid() + ") died first")), Optional.empty(), now));
      } else {
        steps.add(step);
      }
    }
    return new RunRecord(run.runId(), run.pipeline(), run.stack(), RunState.FAILED, run.startedAt(),
        Optional.of(now), Optional.of("the process that ran it (pid " + process.pid() + " on " + process.host()
            + ") died before the run ended; failed steps: " + steps.stream()
            .filter(s -> s.state() == StepState.FAILED && !run.step(s.invocationId()).orElseThrow().state().isFinal())
            .map(StepRecord::invocationId).toList()),
        run.orchestrator(), steps);
  }

  private Optional<String> reason(ArtifactStore store, URI stepDirectory) {
    for (StepLaunchRecords records : launchRecords) {
      try {
        Optional<String> reason = records.settleVanished(store, stepDirectory);
        if (reason.isPresent()) {
          return reason;
        }
      } catch (RuntimeException e) {
        LOG.warn("reading the launch record in {} failed: {}", stepDirectory, e.toString());
      }
    }
    return Optional.empty();
  }
}

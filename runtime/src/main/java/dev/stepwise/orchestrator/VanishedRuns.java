package dev.stepwise.orchestrator;

import dev.stepwise.artifact.ArtifactStore;
import dev.stepwise.operator.StepLaunchRecords;
import dev.stepwise.operator.StepState;
import dev.stepwise.step.StepError;
import dev.stepwise.step.StepResult;
import dev.stepwise.support.JsonCodec;
import java.io.IOException;
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
 * a crash). A running step's own result record is the truth: an orphan (a spark-submit) may have
 * finished by itself, so the step is COMPLETED with its output, or FAILED with the result's reason.
 * Without a result record it is FAILED with the reason read from the step operators' launch
 * records (whose survivors are killed first) and the tail of its log. Pending steps are SKIPPED.
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
    Liveness gone = run.liveness().orElseThrow();
    RunRecord.OrchestratorProcess process = run.orchestrator().orElseThrow();
    String died = "the orchestrator process (pid " + process.pid() + " on " + process.host()
        + ") died while the step ran, so its outcome is unknown";
    Instant now = Instant.now();
    List<StepRecord> steps = new ArrayList<>();
    for (StepRecord step : run.steps()) {
      if (step.state() == StepState.RUNNING) {
        URI directory = stepDirectory.apply(step.invocationId());
        // killing what survived comes first, so the result record read next is the last word
        Optional<String> launchReason = reason(store, directory);
        Optional<StepResult> result = result(store, directory.resolve("result.json"));
        if (result.isPresent() && result.get().succeeded()) {
          steps.add(step.ended(StepState.COMPLETED, Optional.of(result.get().exitCode()), Optional.empty(),
              result.get().output(), result.get().endedAt()));
        } else if (result.isPresent()) {
          steps.add(step.ended(StepState.FAILED, Optional.of(result.get().exitCode()), result.get().error(),
              Optional.empty(), result.get().endedAt()).withLogTail(StepLogTail.of(store, step.log())));
        } else {
          List<String> tail = StepLogTail.of(store, step.log());
          String reason = launchReason.orElse(died) + StepLogTail.errorShown(tail)
              .map(shown -> "; its log shows " + shown.text()).orElse("");
          StepError error = new StepError(StepLogTail.errorShown(tail).map(StepLogTail.Shown::className)
              .orElse(""), reason, "");
          steps.add(step.ended(StepState.FAILED, Optional.empty(), Optional.of(error), Optional.empty(), now)
              .withLogTail(tail));
        }
      } else if (!step.state().isFinal()) {
        steps.add(step.ended(StepState.SKIPPED, Optional.empty(), Optional.of(StepError.of(
            "never started: the orchestrator process (pid " + process.pid() + ") died first")), Optional.empty(), now));
      } else {
        steps.add(step);
      }
    }
    boolean allCompleted = steps.stream().allMatch(s -> s.state().succeeded());
    String ended = "the process that ran it (" + gone.explanation() + ") died before the run ended";
    Optional<String> error = allCompleted ? Optional.empty() : Optional.of(ended + "; failed steps: "
        + steps.stream().filter(s -> s.state() == StepState.FAILED).map(StepRecord::invocationId).toList());
    return run.withSteps(steps).ended(allCompleted ? RunState.COMPLETED : RunState.FAILED, now, error);
  }

  private static Optional<StepResult> result(ArtifactStore store, URI uri) {
    try {
      return store.exists(uri)
          ? Optional.of(JsonCodec.mapper().readValue(store.read(uri), StepResult.class))
          : Optional.empty();
    } catch (IOException | RuntimeException e) {
      LOG.warn("unreadable result record {}: {}", uri, e.toString());
      return Optional.empty();
    }
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

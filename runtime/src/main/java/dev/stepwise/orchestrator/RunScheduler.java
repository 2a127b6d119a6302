package dev.stepwise.orchestrator;

import dev.stepwise.operator.StepState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which steps of a run may start now, and which can never run: a pure function of the steps'
 * recorded states, the steps already running and the parallelism, so the rules are tested without
 * launching anything.
 */
final class RunScheduler {
  private RunScheduler() {}

  /** A step that can never run because {@code upstream} ended in {@code upstreamState}. */
  record Skip(String invocationId, String upstream, StepState upstreamState) {}

  /** What to do now: the steps to skip (in record order), then the steps to start. */
  record Decision(List<Skip> skips, List<String> starts) {
    Decision {
      skips = List.copyOf(skips);
      starts = List.copyOf(starts);
    }
  }

  /**
   * Skips every pending step with an upstream step that failed, was skipped or cancelled (also
   * through steps skipped in this same decision), and starts pending steps whose upstream steps
   * all completed, in record order, while fewer than {@code parallelism} run.
   */
  static Decision next(List<StepRecord> steps, Set<String> running, int parallelism) {
    Map<String, StepState> states = new LinkedHashMap<>();
    steps.forEach(s -> states.put(s.invocationId(), s.state()));
    List<Skip> skips = new ArrayList<>();
    boolean changed = true;
    while (changed) {
      changed = false;
      for (StepRecord step : steps) {
        if (states.get(step.invocationId()) != StepState.PENDING || running.contains(step.invocationId())) {
          continue;
        }
        for (String up : step.upstream()) {
          StepState upState = states.get(up);
          if (upState == StepState.FAILED || upState == StepState.SKIPPED || upState == StepState.CANCELLED) {
            skips.add(new Skip(step.invocationId(), up, upState));
            states.put(step.invocationId(), StepState.SKIPPED);
            changed = true;
            break;
          }
        }
      }
    }
    List<String> starts = new ArrayList<>();
    int slots = parallelism - running.size();
    for (StepRecord step : steps) {
      if (starts.size() >= slots) {
        break;
      }
      String id = step.invocationId();
      if (states.get(id) == StepState.PENDING && !running.contains(id)
          && step.upstream().stream().allMatch(up -> states.get(up).succeeded())) {
        starts.add(id);
      }
    }
    return new Decision(skips, starts);
  }
}

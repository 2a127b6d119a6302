package dev.stepwise.kubernetes;

import dev.stepwise.operator.StepState;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How a driver pod ended, read from the cluster: the step state, the driver container's exit code
 * (which alone decides success), and on failure its kind and a sentence for the user.
 */
public record DriverPodOutcome(
    DriverPodRef pod, StepState state, OptionalInt exitCode, Optional<DriverPodFailure> failure, String message) {

  public boolean succeeded() {
    return state == StepState.COMPLETED;
  }
}

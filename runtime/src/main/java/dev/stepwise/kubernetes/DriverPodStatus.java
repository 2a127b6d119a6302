package dev.stepwise.kubernetes;

import dev.stepwise.operator.StepState;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Reads one observation of a driver pod: its step state, and when it has ended (or can no longer
 * succeed) the outcome. Pure, so every reason can be tested from a pod object.
 */
final class DriverPodStatus {
  /** Spark's name for the driver container; a pod template may rename it, then the first container counts. */
  static final String DRIVER_CONTAINER = "spark-kubernetes-driver";
  private static final Set<String> IMAGE_PULL_REASONS = Set.of("ImagePullBackOff", "ErrImagePull", "InvalidImageName",
      "ErrImageNeverPull");

  private DriverPodStatus() {}

  static StepState state(Pod pod) {
    if (terminated(pod).isPresent()) {
      return exitCode(pod).orElse(1) == 0 ? StepState.COMPLETED : StepState.FAILED;
    }
    return switch (phase(pod)) {
      case "Running" -> StepState.RUNNING;
      case "Succeeded", "Failed" -> StepState.FAILED;
      default -> StepState.PENDING;
    };
  }

  /**
   * The outcome when this observation ends the step; empty while it may still succeed.
   *
   * @param pendingFor how long the pod has been seen Pending (zero once it ran)
   */
  static Optional<DriverPodOutcome> outcome(DriverPodRef ref, Pod pod, Duration pendingFor, Duration pendingDeadline) {
    String phase = phase(pod);
    Optional<ContainerStateTerminated> terminated = terminated(pod);
    if (terminated.isPresent()) {
      // the driver container's end is the step's end, even if a sidecar keeps the pod Running
      return Optional.of(ended(ref, terminated.get()));
    }
    if (phase.equals("Succeeded") || phase.equals("Failed")) {
      // ended without a container status: nothing proves success
      String reason = Optional.ofNullable(pod.getStatus().getReason()).orElse("no exit code reported");
      return Optional.of(new DriverPodOutcome(ref, StepState.FAILED, OptionalInt.empty(),
          Optional.of(DriverPodFailure.APPLICATION_FAILED), "driver pod " + ref + " ended in phase " + phase
          + " without a driver container exit code (" + reason + ")"));
    }
    if (phase.equals("Pending") || phase.isEmpty()) {
      Optional<ContainerStateWaiting> waiting = waiting(pod);
      if (waiting.isPresent() && IMAGE_PULL_REASONS.contains(waiting.get().getReason())) {
        return Optional.of(new DriverPodOutcome(ref, StepState.FAILED, OptionalInt.empty(),
            Optional.of(DriverPodFailure.IMAGE_PULL), "driver pod " + ref + " cannot pull its image ("
            + waiting.get().getReason() + (waiting.get().getMessage() == null ? "" : ": " + waiting.get().getMessage())
            + "); check that the image was pushed to a registry the cluster can reach, and the pull secret "
            + "(image_pull_secrets) if the registry is private"));
      }
      if (pendingFor.compareTo(pendingDeadline) > 0) {
        String why = unschedulable(pod).map(c -> "Unschedulable: " + c.getMessage()
            + "; lower the step's @ResourceSettings or add capacity")
            .orElse("not scheduled or not started; check `kubectl describe pod -n " + ref.namespace() + " "
                + ref.podName() + "`");
        return Optional.of(new DriverPodOutcome(ref, StepState.FAILED, OptionalInt.empty(),
            Optional.of(DriverPodFailure.PENDING_TOO_LONG), "driver pod " + ref + " was still Pending after "
            + pendingDeadline.toSeconds() + "s, the step operator's pending_timeout (" + why + ")"));
      }
    }
    return Optional.empty();
  }

  private static DriverPodOutcome ended(DriverPodRef ref, ContainerStateTerminated terminated) {
    int code = terminated.getExitCode() == null ? 1 : terminated.getExitCode();
    if ("OOMKilled".equals(terminated.getReason())) {
      return new DriverPodOutcome(ref, StepState.FAILED, OptionalInt.of(code), Optional.of(DriverPodFailure.OOM_KILLED),
          "driver container of " + ref + " was OOMKilled (exit " + code + "): it needed more memory than its limit; "
          + "raise driverMemory in @SparkStepOperatorSettings or spark.driver.memoryOverhead");
    }
    if (code == 0) {
      return new DriverPodOutcome(ref, StepState.COMPLETED, OptionalInt.of(0), Optional.empty(),
          "driver pod " + ref + " succeeded");
    }
    String reason = terminated.getReason() == null ? "" : " (" + terminated.getReason() + ")";
    return new DriverPodOutcome(ref, StepState.FAILED, OptionalInt.of(code),
        Optional.of(DriverPodFailure.APPLICATION_FAILED),
        "driver container of " + ref + " exited with code " + code + reason);
  }

  static String phase(Pod pod) {
    return pod.getStatus() == null || pod.getStatus().getPhase() == null ? "" : pod.getStatus().getPhase();
  }

  static OptionalInt exitCode(Pod pod) {
    return terminated(pod).map(t -> t.getExitCode() == null ? OptionalInt.empty() : OptionalInt.of(t.getExitCode()))
        .orElse(OptionalInt.empty());
  }

  private static Optional<ContainerStatus> driverContainer(Pod pod) {
    if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
      return Optional.empty();
    }
    List<ContainerStatus> statuses = pod.getStatus().getContainerStatuses();
    return statuses.stream().filter(s -> DRIVER_CONTAINER.equals(s.getName())).findFirst()
        .or(() -> statuses.stream().findFirst());
  }

  private static Optional<ContainerStateTerminated> terminated(Pod pod) {
    return driverContainer(pod).map(ContainerStatus::getState).map(s -> s.getTerminated());
  }

  private static Optional<ContainerStateWaiting> waiting(Pod pod) {
    return driverContainer(pod).map(ContainerStatus::getState).map(s -> s.getWaiting());
  }

  private static Optional<PodCondition> unschedulable(Pod pod) {
    if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
      return Optional.empty();
    }
    return pod.getStatus().getConditions().stream()
        .filter(c -> "PodScheduled".equals(c.getType()) && "False".equals(c.getStatus())
            && "Unschedulable".equals(c.getReason()))
        .findFirst();
  }
}

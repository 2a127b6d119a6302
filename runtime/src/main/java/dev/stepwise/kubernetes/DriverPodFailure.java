package dev.stepwise.kubernetes;

/** Why a driver pod did not succeed: each kind has its own cause and fix (and, later, retry policy). */
public enum DriverPodFailure {
  /** The image could not be built or pushed, or spark-submit did not create the driver pod. */
  SUBMISSION_FAILED,
  /** The application ran and its driver container exited non-zero. */
  APPLICATION_FAILED,
  /** The kernel killed the driver container for exceeding its memory limit. */
  OOM_KILLED,
  /** The image could not be pulled (ImagePullBackOff, ErrImagePull, InvalidImageName). */
  IMAGE_PULL,
  /** The pod stayed Pending past the deadline (often Unschedulable: not enough CPU, memory or GPU). */
  PENDING_TOO_LONG,
  /** The step ran past its timeout; the pod was deleted. */
  TIMED_OUT,
  /** Someone else deleted the pod, or it vanished, before it finished. */
  POD_LOST
}

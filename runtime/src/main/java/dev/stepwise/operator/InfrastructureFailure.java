package dev.stepwise.operator;

/**
 * What a step operator saw go wrong around a step, beyond the exit code: facts the orchestrator's
 * retry policy weighs (the operator decides nothing about retries).
 */
public enum InfrastructureFailure {
  /** Nothing ran: the image could not be built or pushed, or the submission was refused (a bad spec or setting). */
  SUBMISSION_FAILED,
  /** The step never started: its image could not be pulled, or it was never scheduled or granted resources. */
  NOT_STARTED,
  /** The kernel killed the driver for exceeding its memory limit (Kubernetes {@code OOMKilled}). */
  OUT_OF_MEMORY,
  /** The driver went away under the step: its pod was evicted or vanished, or a standalone driver was lost. */
  DRIVER_LOST
}

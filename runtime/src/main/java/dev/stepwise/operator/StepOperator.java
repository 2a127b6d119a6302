package dev.stepwise.operator;

import java.util.Map;

/**
 * Runs one step somewhere other than the orchestrator's process: a child JVM, a Spark
 * application, a driver pod. It is handed the step's generated entrypoint as a typed
 * {@link EntrypointCommand} and returns at once with a {@link StepLaunch} handle, so the
 * orchestrator can wait, stream logs and cancel — unlike ZenML's blocking {@code launch}.
 *
 * <p>Contract for implementations:
 * <ul>
 *   <li>Check everything that can be checked before starting anything and throw
 *       {@link StepLaunchException} with a message that says what to fix.
 *   <li>Pass {@link EntrypointCommand#environment()} as the launched process's environment (it may
 *       hold secrets); never put it on a command line or log it.
 *   <li>Send every log line of the step to {@link StepRunInfo#log()} as it arrives.
 *   <li>Report the entrypoint's exit code ({@link dev.stepwise.step.StepExitCode}) from
 *       {@link StepLaunch#await()}; the orchestrator reads the result record itself.
 * </ul>
 */
public interface StepOperator {

  /** The component name this operator was registered under. */
  String name();

  /** Starts the step and returns its handle without waiting for it to finish. */
  StepLaunch launch(StepRunInfo info, EntrypointCommand command) throws StepLaunchException;

  /**
   * The settings of this operator that can change what a step computes (Spark's
   * {@code submit_kwargs}), as configured, with secret references unresolved. They enter the step's
   * cache key; where and how big the step runs do not.
   */
  default Map<String, String> resultSettings() {
    return Map.of();
  }
}

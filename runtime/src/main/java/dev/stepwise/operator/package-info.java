/**
 * The step-operator contract: {@code StepOperator} launches one step's generated entrypoint
 * somewhere and returns a {@code StepLaunch} to follow, cancel and await; with it the launch
 * input ({@code StepRunInfo}, {@code EntrypointCommand}), the step log, launch records, and the
 * infrastructure failures a launch reports ({@code InfrastructureFailure}), which the orchestrator's
 * retry policy weighs.
 * Orchestrators call it; flavors such as {@code spark} and {@code kubernetes} implement it. May
 * import {@code step}, {@code artifact}, {@code stack} and {@code support}, never the orchestrator.
 */
package dev.stepwise.operator;

package dev.stepwise.step;

/**
 * One step, as its generated entrypoint class exposes it: the signature and a direct, typed call of
 * the step method. The generated {@code main} hands an instance to {@link StepEntrypoint}; the
 * orchestrator instantiates the same class (public no-arg constructor) to run a step in-process.
 */
public interface StepProgram {

  /** The step's name, its declaring method and its typed parameters and output. */
  StepSignature signature();

  /**
   * Calls the step method with the inputs. Returns the method's result, or {@code null} for a
   * {@code void} method.
   */
  Object invoke(StepInputs inputs) throws Exception;
}

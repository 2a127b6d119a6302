package dev.stepwise.pipeline;

import dev.stepwise.step.StepProgram;
import java.util.List;
import java.util.Objects;

/**
 * One use of a step in a pipeline: its invocation id, the step, and one input per non-SparkSession
 * parameter in declaration order.
 */
public record StepInvocation(String invocationId, StepProgram program, List<Input<?>> inputs) {
  public StepInvocation {
    Objects.requireNonNull(invocationId, "invocationId");
    Objects.requireNonNull(program, "program");
    inputs = List.copyOf(inputs);
  }

  public String stepName() {
    return program.signature().stepName();
  }
}

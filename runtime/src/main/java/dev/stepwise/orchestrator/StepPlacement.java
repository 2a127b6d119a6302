package dev.stepwise.orchestrator;

import dev.stepwise.operator.StepOperator;
import dev.stepwise.step.StepMetadata;
import java.util.Optional;

/**
 * Where one invocation runs: in-process (no operator) or through a step operator of the stack.
 *
 * @param invocationId the invocation
 * @param metadata the step's metadata from its class path resource
 * @param operator the operator, empty for in-process
 */
public record StepPlacement(String invocationId, StepMetadata metadata, Optional<StepOperator> operator) {

  public Optional<String> operatorName() {
    return operator.map(StepOperator::name);
  }
}

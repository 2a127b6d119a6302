package dev.stepwise.orchestrator;

import dev.stepwise.step.StepProgram;
import java.util.List;
import java.util.Objects;

/**
 * What an orchestrator runs: the pipeline's step invocations in definition order (which is a
 * dependency order, since a step can only use outputs that already exist when it is added).
 */
public record PipelinePlan(String pipelineName, List<PlannedStep> steps) {
  public PipelinePlan {
    Objects.requireNonNull(pipelineName, "pipelineName");
    steps = List.copyOf(steps);
  }

  /** One invocation of a step, with one input per non-SparkSession parameter in declaration order. */
  public record PlannedStep(String invocationId, StepProgram program, List<PlannedInput> inputs) {
    public PlannedStep {
      Objects.requireNonNull(invocationId, "invocationId");
      Objects.requireNonNull(program, "program");
      inputs = List.copyOf(inputs);
    }

    public String stepName() {
      return program.signature().stepName();
    }
  }

  /** Where one input comes from. */
  public sealed interface PlannedInput {
    /** The parameter's name. */
    String name();

    /** A literal from the pipeline definition, stored as an artifact before the step runs. */
    record Literal(String name, Object value) implements PlannedInput {}

    /** The output of an earlier invocation. */
    record Upstream(String name, String invocationId) implements PlannedInput {}
  }
}

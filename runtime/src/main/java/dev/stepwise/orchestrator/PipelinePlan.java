package dev.stepwise.orchestrator;

import dev.stepwise.step.StepProgram;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an orchestrator runs: the pipeline's step invocations in definition order (which is a
 * dependency order, since a step can only use outputs that already exist when it is added), and
 * the {@code PipelineDefinition} class it came from, when it did (so
 * {@code stepwise run resume} can load it again).
 */
public record PipelinePlan(String pipelineName, List<PlannedStep> steps, Optional<String> definitionClass) {
  public PipelinePlan {
    Objects.requireNonNull(pipelineName, "pipelineName");
    steps = List.copyOf(steps);
    definitionClass = definitionClass == null ? Optional.empty() : definitionClass;
  }

  public PipelinePlan(String pipelineName, List<PlannedStep> steps) {
    this(pipelineName, steps, Optional.empty());
  }

  /** The invocation ids in order: what a resumed run must still have. */
  public List<String> invocationIds() {
    return steps.stream().map(PlannedStep::invocationId).toList();
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

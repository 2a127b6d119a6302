package dev.stepwise.pipeline;

import java.util.Objects;

/**
 * The typed output handle of one step invocation in a pipeline. Pass it to a downstream step's stub
 * method to wire the two; after a run, {@code PipelineRun.output(handle)} returns the stored value.
 */
public final class StepOutput<T> implements Input<T> {
  private final String invocationId;
  private final String stepName;

  StepOutput(String invocationId, String stepName) {
    this.invocationId = Objects.requireNonNull(invocationId);
    this.stepName = Objects.requireNonNull(stepName);
  }

  /** Unique within the pipeline: the step name, suffixed {@code _2}, {@code _3}... on repeated use. */
  public String invocationId() {
    return invocationId;
  }

  public String stepName() {
    return stepName;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StepOutput<?> other && other.invocationId.equals(invocationId);
  }

  @Override
  public int hashCode() {
    return invocationId.hashCode();
  }

  @Override
  public String toString() {
    return "StepOutput[" + invocationId + "]";
  }
}

package dev.stepwise.pipeline;

/**
 * A value for one step parameter inside a pipeline definition: a literal ({@link #of}) or the
 * typed output of an upstream step ({@link StepOutput}). The type parameter is what makes wiring a
 * {@code StepOutput<Long>} into a {@code String} parameter a compile error.
 */
public sealed interface Input<T> permits Input.Literal, StepOutput {

  /** A literal value, stored as an artifact of the run before the step that reads it starts. */
  static <T> Input<T> of(T value) {
    return new Literal<>(value);
  }

  /** A literal value given in the pipeline definition. */
  record Literal<T>(T value) implements Input<T> {}
}

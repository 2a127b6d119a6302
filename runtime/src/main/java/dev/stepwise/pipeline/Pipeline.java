package dev.stepwise.pipeline;

import dev.stepwise.step.StepProgram;

/**
 * A pipeline: a named DAG of step invocations, defined in Java from the generated typed stubs.
 *
 * <pre>{@code
 * Pipeline wordCount = Pipeline.define("word_count", () -> {
 *   StepOutput<String> text = WordCountSteps.loadText("data/pride-and-prejudice.txt");
 *   StepOutput<Long> words = WordCountSteps.countWords(text);
 *   WordCountSteps.report(words);
 * });
 * PipelineRun run = wordCount.run();
 * }</pre>
 */
public final class Pipeline {

  /**
   * Adds one invocation of {@code program}'s step to the pipeline being defined, with one input per
   * non-SparkSession parameter in declaration order. Called by generated stubs only; outside
   * {@link #define} it fails with a message that says so.
   */
  public static <T> StepOutput<T> step(StepProgram program, Input<?>... inputs) {
    throw new UnsupportedOperationException("not implemented yet");
  }
}

package dev.stepwise.pipeline;

/**
 * A class that defines a pipeline, so {@code stepwise pipeline run <class>} can run it. It needs a
 * public no-arg constructor.
 *
 * <pre>{@code
 * public class WordCountPipeline implements PipelineDefinition {
 *   public Pipeline pipeline() {
 *     return Pipeline.define("word_count", () -> {
 *       StepOutput<String> text = WordCountSteps.loadText("data/book.txt");
 *       WordCountSteps.countWords(text);
 *     });
 *   }
 * }
 * }</pre>
 */
public interface PipelineDefinition {
  Pipeline pipeline();
}

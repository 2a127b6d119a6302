package dev.stepwise.examples.wine;

import dev.stepwise.pipeline.Pipeline;
import dev.stepwise.pipeline.PipelineDefinition;
import dev.stepwise.pipeline.StepOutput;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The flagship pipeline: locate the data (in-process), parse it with Spark SQL (Spark step), train
 * and evaluate a classifier with Spark ML (Spark step), print the report (in-process).
 *
 * <p>Run it with {@code stepwise pipeline run dev.stepwise.examples.wine.WinePipeline}, or from
 * Java with {@code new WinePipeline().pipeline().run()}.
 */
public final class WinePipeline implements PipelineDefinition {
  /** Relative to the working directory; the repository root when run from the README. */
  static final String DATASET = System.getProperty("stepwise.example.data", "examples/data/wine.csv");

  @Override
  public Pipeline pipeline() {
    return Pipeline.define("wine_classifier", () -> {
      StepOutput<String> csv = WineClassifierSteps.locateDataset(DATASET);
      StepOutput<Dataset<Row>> wines = WineClassifierSteps.loadWines(csv);
      StepOutput<WineReport> report = WineClassifierSteps.trainClassifier(wines);
      WineClassifierSteps.printReport(report);
    });
  }
}

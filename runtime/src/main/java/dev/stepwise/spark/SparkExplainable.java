package dev.stepwise.spark;

import dev.stepwise.artifact.ArtifactStore;
import dev.stepwise.stack.ResolvedStack;
import dev.stepwise.step.StepMetadata;
import java.util.List;
import java.util.Map;

/**
 * A step operator whose launches are Spark submissions that {@code stepwise step explain} can show
 * without launching anything: the {@code spark} flavor, and {@code spark-kubernetes}, which adds the
 * pods the submission will create.
 */
public interface SparkExplainable {

  /** The component name the operator was registered under. */
  String name();

  /**
   * The submission of {@code step} in pipeline {@code pipelineName} with the run's Spark overrides
   * and the io keys of {@code store}, with placeholders for what only a run knows.
   */
  SparkSubmission explain(StepMetadata step, List<String> classpath, String pipelineName,
      Map<String, String> runOverrides, ArtifactStore store);

  /**
   * What else the submission of {@code step} on {@code stack} creates, as readable lines (e.g. the
   * image and the driver and executor pods).
   */
  default List<String> preview(SparkSubmission submission, StepMetadata step, ResolvedStack stack) {
    return List.of();
  }
}

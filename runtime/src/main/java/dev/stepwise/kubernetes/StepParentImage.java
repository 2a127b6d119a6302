package dev.stepwise.kubernetes;

import dev.stepwise.image.ImageBuilder;
import dev.stepwise.image.StackImageBuilder;
import dev.stepwise.step.StepMetadata;
import java.util.Objects;
import java.util.Optional;

/**
 * The parent image a step's image is built on, and where that choice comes from: the step's own
 * {@code @SparkStepOperatorSettings(parentImage)}, else the stack's image builder's
 * {@code parent_image}, else Stepwise's default Spark image.
 */
public record StepParentImage(String reference, String source) {
  public StepParentImage {
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(source, "source");
  }

  public static StepParentImage of(StepMetadata step, Optional<StackImageBuilder> builder) {
    Optional<String> own = step.sparkSettings().flatMap(StepMetadata.Spark::parentImageOverride);
    if (own.isPresent()) {
      return new StepParentImage(own.get(), "@SparkStepOperatorSettings(parentImage) of step " + step.name());
    }
    return builder.map(b -> new StepParentImage(b.parentImage(), "parent_image of image builder '" + b.componentName() + "'"))
        .orElse(new StepParentImage(ImageBuilder.DEFAULT_PARENT_IMAGE, "Stepwise's default: the stack has no image builder"));
  }
}

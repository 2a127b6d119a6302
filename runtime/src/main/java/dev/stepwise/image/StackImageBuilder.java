package dev.stepwise.image;

import java.util.Objects;

/**
 * The working image builder component: Jib with the stack's parent image, which a step may
 * replace with its own {@code parent_image}.
 */
public record StackImageBuilder(String componentName, ImageBuilder builder, String parentImage) {
  public StackImageBuilder {
    Objects.requireNonNull(builder, "builder");
    Objects.requireNonNull(parentImage, "parentImage");
  }
}

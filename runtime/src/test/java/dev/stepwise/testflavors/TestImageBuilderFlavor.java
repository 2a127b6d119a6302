package dev.stepwise.testflavors;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.stepwise.flavor.ComponentType;

/** An image builder standing in for the Jib-based local builder. */
public final class TestImageBuilderFlavor extends TestFlavor<TestImageBuilderFlavor.Config> {
  public record Config(@JsonProperty("parent_image") String parentImage) {}

  public TestImageBuilderFlavor() {
    super(ComponentType.IMAGE_BUILDER, "test-builder", Config.class);
  }
}

package dev.stepwise.testflavors;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.stepwise.flavor.ComponentType;

/** A container registry standing in for the default registry flavor. */
public final class TestRegistryFlavor extends TestFlavor<TestRegistryFlavor.Config> {
  public record Config(@JsonProperty(value = "uri", required = true) String uri) {}

  public TestRegistryFlavor() {
    super(ComponentType.CONTAINER_REGISTRY, "test-registry", Config.class);
  }
}

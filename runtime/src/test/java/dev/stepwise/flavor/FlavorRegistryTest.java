package dev.stepwise.flavor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.stack.StackException;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlavorRegistryTest {
  record NoConfig() {}

  static class First implements Flavor<NoConfig> {
    @Override public ComponentType type() { return ComponentType.IMAGE_BUILDER; }
    @Override public String name() { return "twin"; }
    @Override public String description() { return "first"; }
    @Override public Class<NoConfig> configType() { return NoConfig.class; }
    @Override public Object create(String name, NoConfig config, ComponentContext context) { return config; }
  }

  static class Second extends First {}

  @Test
  void duplicateFlavorsAreAnErrorNamingBothClasses() {
    StackException e = assertThrows(StackException.class,
        () -> FlavorRegistry.of(List.of(new First(), new Second())));
    assertTrue(e.getMessage().contains("Two image_builder flavors are named 'twin'"), e.getMessage());
    assertTrue(e.getMessage().contains(First.class.getName()) && e.getMessage().contains(Second.class.getName()),
        e.getMessage());
  }

  @Test
  void serviceLoaderFindsTheBuiltInAndTestFlavors() {
    FlavorRegistry registry = FlavorRegistry.load();
    assertEquals("local, s3, test-store", registry.names(ComponentType.ARTIFACT_STORE));
    assertTrue(registry.find(ComponentType.ORCHESTRATOR, "local").isPresent());
    assertTrue(registry.find(ComponentType.STEP_OPERATOR, "local").isPresent());
  }
}

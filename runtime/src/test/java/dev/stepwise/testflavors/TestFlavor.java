package dev.stepwise.testflavors;

import dev.stepwise.flavor.ComponentContext;
import dev.stepwise.flavor.ComponentType;
import dev.stepwise.flavor.Flavor;

/** Common parts of the test-scope flavors: the created component is its config. */
abstract class TestFlavor<C extends Record> implements Flavor<C> {
  private final ComponentType type;
  private final String name;
  private final Class<C> configType;

  TestFlavor(ComponentType type, String name, Class<C> configType) {
    this.type = type;
    this.name = name;
    this.configType = configType;
  }

  @Override
  public ComponentType type() {
    return type;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String description() {
    return "test flavor " + name;
  }

  @Override
  public Class<C> configType() {
    return configType;
  }

  @Override
  public Object create(String componentName, C config, ComponentContext context) {
    return config;
  }
}

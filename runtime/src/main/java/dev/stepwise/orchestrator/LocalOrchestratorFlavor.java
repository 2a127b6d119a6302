package dev.stepwise.orchestrator;

import com.google.auto.service.AutoService;
import dev.stepwise.flavor.ComponentContext;
import dev.stepwise.flavor.ComponentType;
import dev.stepwise.flavor.Flavor;
import java.util.List;

/** The {@code local} orchestrator: runs the pipeline from the process that starts it. */
@AutoService(Flavor.class)
public final class LocalOrchestratorFlavor implements Flavor<LocalOrchestratorConfig> {

  @Override
  public ComponentType type() {
    return ComponentType.ORCHESTRATOR;
  }

  @Override
  public String name() {
    return "local";
  }

  @Override
  public String description() {
    return "Runs the pipeline's steps from this process, independent steps in parallel";
  }

  @Override
  public Class<LocalOrchestratorConfig> configType() {
    return LocalOrchestratorConfig.class;
  }

  @Override
  public List<String> validateConfig(LocalOrchestratorConfig config) {
    if (config.maxParallelism() != null && config.maxParallelism() < 1) {
      return List.of("'max_parallelism' must be 1 or more, got " + config.maxParallelism()
          + "; leave it unset to use the number of CPUs");
    }
    return List.of();
  }

  @Override
  public LocalOrchestrator create(
      String componentName, LocalOrchestratorConfig config, ComponentContext context) {
    return new LocalOrchestrator(config.parallelism());
  }
}

package dev.stepwise.pipeline;

import dev.stepwise.artifact.LocalArtifactStore;
import dev.stepwise.flavor.ComponentModel;
import dev.stepwise.flavor.ComponentType;
import dev.stepwise.flavor.StackView;
import dev.stepwise.orchestrator.LocalOrchestrator;
import dev.stepwise.orchestrator.LocalStepOperator;
import dev.stepwise.orchestrator.LocalStepOperatorConfig;
import dev.stepwise.stack.ResolvedStack;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Local stacks built from the local flavors' components, as the stack store would create them. */
final class TestStacks {
  private TestStacks() {}

  static ResolvedStack local(Path artifacts, String stepOperatorName) {
    Map<ComponentType, ComponentModel> models = new HashMap<>();
    Map<ComponentType, Object> components = new HashMap<>();
    models.put(ComponentType.ORCHESTRATOR, new ComponentModel("default", ComponentType.ORCHESTRATOR, "local", Map.of()));
    components.put(ComponentType.ORCHESTRATOR, new LocalOrchestrator(4));
    models.put(ComponentType.ARTIFACT_STORE, new ComponentModel("default", ComponentType.ARTIFACT_STORE, "local",
        Map.of("path", artifacts.toString())));
    components.put(ComponentType.ARTIFACT_STORE, new LocalArtifactStore(artifacts));
    if (stepOperatorName != null) {
      models.put(ComponentType.STEP_OPERATOR, new ComponentModel(stepOperatorName, ComponentType.STEP_OPERATOR,
          "local", Map.of()));
      components.put(ComponentType.STEP_OPERATOR,
          new LocalStepOperator(stepOperatorName, new LocalStepOperatorConfig("", List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"))));
    }
    return new ResolvedStack(new StackView(stepOperatorName == null ? "plain" : "with_ops", models), components);
  }
}

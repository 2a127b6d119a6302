package dev.stepwise.testflavors;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.stepwise.flavor.ComponentType;
import dev.stepwise.flavor.StackProblem;
import dev.stepwise.flavor.StackView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A step operator standing in for spark-kubernetes: it needs a container registry, an image builder
 * and a non-local artifact store.
 */
public final class TestKubernetesOperatorFlavor extends TestFlavor<TestKubernetesOperatorFlavor.Config> {
  public record Config(
      @JsonProperty(value = "master", required = true) String master,
      @JsonProperty("namespace") String namespace,
      @JsonProperty("service_account") String serviceAccount,
      @JsonProperty("submit_kwargs") Map<String, String> submitKwargs,
      @JsonProperty("jvm_options") List<String> jvmOptions,
      @JsonProperty("executor_instances") Integer executorInstances) {}

  public TestKubernetesOperatorFlavor() {
    super(ComponentType.STEP_OPERATOR, "test-kubernetes", Config.class);
  }

  @Override
  public List<StackProblem> validateStack(String componentName, Config config, StackView stack) {
    List<StackProblem> problems = new ArrayList<>();
    if (stack.component(ComponentType.CONTAINER_REGISTRY).isEmpty()) {
      problems.add(new StackProblem(ComponentType.CONTAINER_REGISTRY, "", "The step operator '" + componentName
          + "' needs a container registry: `stepwise stack update " + stack.stackName() + " -c <registry>`."));
    }
    if (stack.component(ComponentType.IMAGE_BUILDER).isEmpty()) {
      problems.add(new StackProblem(ComponentType.IMAGE_BUILDER, "", "The step operator '" + componentName
          + "' needs an image builder: `stepwise stack update " + stack.stackName() + " -i <builder>`."));
    }
    stack.component(ComponentType.ARTIFACT_STORE).filter(a -> a.flavor().equals("local")).ifPresent(a ->
        problems.add(new StackProblem(ComponentType.ARTIFACT_STORE, a.name(), "The step operator '"
            + componentName + "' cannot reach the local artifact store '" + a.name() + "': `stepwise stack update "
            + stack.stackName() + " -a <remote store>`.")));
    return problems;
  }
}

package dev.stepwise.kubernetes;

import com.google.auto.service.AutoService;
import dev.stepwise.flavor.ComponentContext;
import dev.stepwise.flavor.ComponentModel;
import dev.stepwise.flavor.ComponentType;
import dev.stepwise.flavor.Flavor;
import dev.stepwise.flavor.StackProblem;
import dev.stepwise.flavor.StackView;
import dev.stepwise.image.RegistryUri;
import dev.stepwise.secret.SecretStore;
import dev.stepwise.support.StepwiseCacheDir;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code spark-kubernetes} step operator flavor: each step as a driver pod running its own image. */
@AutoService(Flavor.class)
public final class KubernetesSparkStepOperatorFlavor implements Flavor<KubernetesStepOperatorConfig, KubernetesSparkStepOperator> {

  @Override
  public ComponentType type() {
    return ComponentType.STEP_OPERATOR;
  }

  @Override
  public String name() {
    return "spark-kubernetes";
  }

  @Override
  public String description() {
    return "Runs steps as Spark applications on Kubernetes (--master=k8s://https://HOST:PORT --namespace=... "
        + "--service_account=...), each driver pod from an image Stepwise builds and pushes";
  }

  @Override
  public Class<KubernetesStepOperatorConfig> configType() {
    return KubernetesStepOperatorConfig.class;
  }

  @Override
  public List<String> validateConfig(KubernetesStepOperatorConfig config) {
    return config.problems();
  }

  @Override
  public List<StackProblem> validateStack(String componentName, KubernetesStepOperatorConfig config, StackView stack) {
    List<StackProblem> problems = new ArrayList<>();
    Optional<ComponentModel> registry = stack.component(ComponentType.CONTAINER_REGISTRY);
    if (registry.isEmpty()) {
      problems.add(new StackProblem(ComponentType.CONTAINER_REGISTRY, "", "step operator '" + componentName
          + "' pushes each run's image for the cluster to pull, so the stack needs a container registry: "
          + "`stepwise container-registry register NAME --flavor=default --uri=HOST[:PORT]/PATH`, then "
          + stack.addComponentCommand("-c NAME")));
    } else {
      localRegistryProblem(componentName, registry.get()).ifPresent(problems::add);
    }
    if (stack.component(ComponentType.IMAGE_BUILDER).isEmpty()) {
      problems.add(new StackProblem(ComponentType.IMAGE_BUILDER, "", "step operator '" + componentName
          + "' builds an image of the project for its driver pods, so the stack needs an image builder: "
          + "`stepwise image-builder register jib --flavor=local`, then "
          + stack.addComponentCommand("-i jib")));
    }
    stack.component(ComponentType.ARTIFACT_STORE).filter(store -> store.flavor().equals("local")).ifPresent(store ->
        problems.add(new StackProblem(ComponentType.ARTIFACT_STORE, store.name(), "step operator '" + componentName
            + "' runs steps in pods that cannot read the local artifact store '" + store.name() + "' on this "
            + "machine; use a remote one: `stepwise artifact-store register NAME --flavor=s3 --path=s3://BUCKET/PREFIX`"
            + " and " + stack.addComponentCommand("-a NAME"))));
    return problems;
  }

  private static Optional<StackProblem> localRegistryProblem(String componentName, ComponentModel registry) {
    Object uri = registry.config().get("uri");
    boolean reachable = Boolean.TRUE.equals(registry.config().get("reachable_from_cluster"))
        || "true".equals(String.valueOf(registry.config().get("reachable_from_cluster")));
    try {
      if (uri != null && RegistryUri.parse(uri.toString()).isLocal() && !reachable) {
        return Optional.of(new StackProblem(ComponentType.CONTAINER_REGISTRY, registry.name(), "container registry '"
            + registry.name() + "' is at " + uri + ", which is this machine: pods on the cluster would look for the "
            + "image on their own node and fail with ImagePullBackOff. Use a registry the cluster can reach, or, if "
            + "it can (kind or minikube with a local registry), say so: `stepwise container-registry update "
            + registry.name() + " --reachable_from_cluster=true` (step operator '" + componentName + "')"));
      }
    } catch (IllegalArgumentException invalid) {
      // the registry's own validation reports a malformed uri
    }
    return Optional.empty();
  }

  @Override
  public KubernetesSparkStepOperator create(String componentName, KubernetesStepOperatorConfig config,
      ComponentContext context) {
    SecretStore secrets = new SecretStore(context.configDir());
    return new KubernetesSparkStepOperator(componentName, config, StepwiseCacheDir.standard(), System.getenv(),
        secrets::find, KubernetesClients::forConfig, ImageClasspath.defaultMavenRepository(), context.secrets());
  }
}

package dev.stepwise.spark;

import com.google.auto.service.AutoService;
import dev.stepwise.flavor.ComponentContext;
import dev.stepwise.flavor.ComponentType;
import dev.stepwise.flavor.Flavor;
import dev.stepwise.flavor.StackProblem;
import dev.stepwise.flavor.StackView;
import java.util.List;
import java.util.Optional;

/** The {@code spark} step operator flavor: each step as a Spark application via spark-submit. */
@AutoService(Flavor.class)
public final class SparkStepOperatorFlavor implements Flavor<SparkStepOperatorConfig> {

  @Override
  public ComponentType type() {
    return ComponentType.STEP_OPERATOR;
  }

  @Override
  public String name() {
    return "spark";
  }

  @Override
  public String description() {
    return "Runs steps as Spark applications through spark-submit (local, standalone, YARN); "
        + "embedded Spark home unless spark_home or SPARK_HOME is set";
  }

  @Override
  public Class<SparkStepOperatorConfig> configType() {
    return SparkStepOperatorConfig.class;
  }

  @Override
  public List<String> validateConfig(SparkStepOperatorConfig config) {
    return config.problems();
  }

  /** A local artifact store only serves Spark processes on this machine (see {@link LocalStoreReach}). */
  @Override
  public List<StackProblem> validateStack(String componentName, SparkStepOperatorConfig config, StackView stack) {
    Optional<String> reason;
    try {
      reason = LocalStoreReach.unreachableReason(config.parsedMaster(), config.parsedDeployMode());
    } catch (IllegalArgumentException invalid) {
      return List.of(); // validateConfig reports a malformed master or deploy mode
    }
    return stack.component(ComponentType.ARTIFACT_STORE)
        .filter(store -> store.flavor().equals("local"))
        .flatMap(store -> reason.map(why -> new StackProblem(ComponentType.ARTIFACT_STORE, store.name(),
            "step operator '" + componentName + "': " + why + ", so they cannot read or write the local artifact"
                + " store '" + store.name() + "'. Use a remote store: `stepwise artifact-store register NAME"
                + " --flavor=s3 --path=s3://BUCKET/PREFIX --authentication_secret=SECRET` and `stepwise stack"
                + " update " + stack.stackName() + " -a NAME`" + (config.parsedMaster().kind() == SparkMaster.Kind.STANDALONE
                    ? ", or keep the driver here with `stepwise step-operator update " + componentName
                        + " --deploy_mode=client`" : "") + ".")))
        .stream().toList();
  }

  @Override
  public SparkStepOperator create(String componentName, SparkStepOperatorConfig config, ComponentContext context) {
    return new SparkStepOperator(componentName, config);
  }
}

package dev.stepwise.spark;

import com.google.auto.service.AutoService;
import dev.stepwise.flavor.ComponentContext;
import dev.stepwise.flavor.Flavor;
import dev.stepwise.stack.ComponentType;
import java.util.List;

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

  @Override
  public SparkStepOperator create(String componentName, SparkStepOperatorConfig config, ComponentContext context) {
    return new SparkStepOperator(componentName, config);
  }
}

package dev.stepwise.orchestrator;

import com.google.auto.service.AutoService;
import dev.stepwise.flavor.ComponentContext;
import dev.stepwise.flavor.ComponentType;
import dev.stepwise.flavor.Flavor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The {@code local} step operator: each step in its own child JVM on this machine. */
@AutoService(Flavor.class)
public final class LocalStepOperatorFlavor implements Flavor<LocalStepOperatorConfig> {

  @Override
  public ComponentType type() {
    return ComponentType.STEP_OPERATOR;
  }

  @Override
  public String name() {
    return "local";
  }

  @Override
  public String description() {
    return "Runs each step's generated entrypoint in a child JVM on this machine";
  }

  @Override
  public Class<LocalStepOperatorConfig> configType() {
    return LocalStepOperatorConfig.class;
  }

  @Override
  public List<String> validateConfig(LocalStepOperatorConfig config) {
    List<String> problems = new ArrayList<>();
    if (!config.javaHome().isEmpty()
        && !Files.isExecutable(Path.of(config.javaHome(), "bin", "java"))) {
      problems.add("'java_home' " + config.javaHome() + " has no bin/java; give a JDK 17+ directory"
          + " or leave it unset to use the JDK running Stepwise");
    }
    for (String option : config.jvmOptions()) {
      if (!option.startsWith("-")) {
        problems.add("'jvm_options' entry '" + option + "' is not a JVM option (they start with '-'),"
            + " e.g. --jvm_options='[\"-Xmx2g\"]'");
      }
    }
    return problems;
  }

  @Override
  public LocalStepOperator create(
      String componentName, LocalStepOperatorConfig config, ComponentContext context) {
    return new LocalStepOperator(componentName, config);
  }
}

package dev.stepwise.processor.model;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One validated step: everything code generation needs, and nothing from {@code javax.lang.model}
 * so that generators cannot reach back into the compiler.
 *
 * @param stepName the step's name ({@code @Step(name)} or the method name)
 * @param declaringClass the class that declares the method ({@code com.acme.Outer.Inner})
 * @param binaryClassName its binary name ({@code com.acme.Outer$Inner})
 * @param methodName the step method
 * @param staticMethod whether the method is static (otherwise the class is instantiated)
 * @param parameters the method's parameters in declaration order
 * @param outputType the boxed return type, empty for {@code void}
 * @param stepOperator {@code ""}, {@code "@active"} or a component name
 * @param retries how many times a failed attempt is retried ({@code @Step(retries)}, >= 0)
 * @param resources {@code @ResourceSettings}, if present
 * @param spark {@code @SparkStepOperatorSettings}, if present
 * @param deprecated whether calling the method draws a deprecation warning
 * @param cache {@code @Step(cache)}: whether runs may reuse the step's cached output
 */
public record StepModel(
    String stepName,
    ClassName declaringClass,
    String binaryClassName,
    String methodName,
    boolean staticMethod,
    List<StepParameterModel> parameters,
    Optional<TypeName> outputType,
    String stepOperator,
    int retries,
    Optional<ResourcesModel> resources,
    Optional<SparkSettingsModel> spark,
    boolean deprecated,
    boolean cache) {

  public StepModel {
    Objects.requireNonNull(stepName, "stepName");
    Objects.requireNonNull(declaringClass, "declaringClass");
    Objects.requireNonNull(binaryClassName, "binaryClassName");
    Objects.requireNonNull(methodName, "methodName");
    parameters = List.copyOf(parameters);
    Objects.requireNonNull(outputType, "outputType");
    Objects.requireNonNull(stepOperator, "stepOperator");
    Objects.requireNonNull(resources, "resources");
    Objects.requireNonNull(spark, "spark");
  }

  /** The parameters loaded from artifacts (all but SparkSession), in declaration order. */
  public List<StepParameterModel> inputs() {
    return parameters.stream().filter(p -> !p.sparkSession()).toList();
  }

  /** {@code com.acme.Outer_Inner_CountWordsStepEntrypoint}. */
  public ClassName entrypointClass() {
    return ClassName.get(
        declaringClass.packageName(),
        flatName(declaringClass) + "_" + capitalize(methodName) + "StepEntrypoint");
  }

  /** {@code com.acme.Outer_InnerSteps}: the typed launcher stub of the declaring class. */
  public ClassName stubClass() {
    return stubClassOf(declaringClass);
  }

  public static ClassName stubClassOf(ClassName declaringClass) {
    return ClassName.get(declaringClass.packageName(), flatName(declaringClass) + "Steps");
  }

  private static String flatName(ClassName className) {
    return String.join("_", className.simpleNames());
  }

  private static String capitalize(String name) {
    return Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }
}

package dev.stepwise.flavor;

import java.util.List;

/**
 * A kind of stack component ("the {@code local} artifact store", "the {@code spark} step operator").
 * Flavors are found with {@link java.util.ServiceLoader}: implement this interface, annotate the
 * class with {@code @AutoService(Flavor.class)}, and a jar on the classpath adds it.
 *
 * @param <C> the typed config: a Java record read by Jackson from the component's stored config.
 *     Record components use ZenML's snake_case key spelling via {@code @JsonProperty} where it
 *     differs. Unknown keys are rejected with the list of valid ones.
 */
public interface Flavor<C extends Record> {

  ComponentType type();

  /** The flavor's name as given to {@code --flavor}. */
  String name();

  /** One line for {@code stepwise <type> flavor list}. */
  String description();

  Class<C> configType();

  /**
   * Checks the config beyond what Jackson does (required keys, formats, combinations) and returns
   * every problem found, each saying what is wrong and how to fix it. Empty means valid.
   */
  default List<String> validateConfig(C config) {
    return List.of();
  }

  /**
   * What this component needs of the rest of the stack it is part of (a remote artifact store, a
   * container registry...). Empty means the stack suits it.
   */
  default List<StackProblem> validateStack(String componentName, C config, StackView stack) {
    return List.of();
  }

  /**
   * Creates the working component: an {@code ArtifactStore}, {@code StepOperator},
   * {@code Orchestrator}... of this flavor's type.
   */
  Object create(String componentName, C config, ComponentContext context);
}

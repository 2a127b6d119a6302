package dev.stepwise.stack;

import dev.stepwise.flavor.ComponentType;
import dev.stepwise.flavor.ConfigBinding;
import dev.stepwise.flavor.ConfigException;
import dev.stepwise.flavor.ConfigValueResolver;
import dev.stepwise.flavor.Flavor;
import dev.stepwise.flavor.FlavorRegistry;
import dev.stepwise.flavor.StackProblem;
import dev.stepwise.flavor.StackView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Checks a stack before it is stored, chosen or run: one orchestrator and one artifact store, each
 * referenced component registered with an installed flavor and a valid config, and what every
 * component's flavor needs of the rest of the stack. Each problem says how to fix it.
 */
public final class StackValidator {
  private final FlavorRegistry flavors;

  public StackValidator(FlavorRegistry flavors) {
    this.flavors = flavors;
  }

  public List<StackProblem> problems(StoreDocument document, String stackName, StoredStack stack) {
    List<StackProblem> problems = new ArrayList<>();
    StackView view = document.view(stackName, stack);
    for (ComponentType type : ComponentType.values()) {
      if (type.required() && stack.component(type).isEmpty()) {
        problems.add(new StackProblem(type, "", "The stack '" + stackName + "' has no " + type.id()
            + ". Add one: " + view.addComponentCommand("--" + type.cliName() + "=<name>")
            + registered(document, type)));
      }
    }
    boolean complete = true;
    for (Map.Entry<ComponentType, String> entry : stack.components().entrySet()) {
      ComponentType type = entry.getKey();
      String name = entry.getValue();
      if (document.component(type, name).isEmpty()) {
        complete = false;
        problems.add(new StackProblem(type, name, "There is no " + type.id() + " named '" + name
            + "'. Register it with `stepwise " + type.cliName() + " register " + name + " --flavor=<flavor>`"
            + " (flavors: " + flavors.names(type) + ")" + registered(document, type)));
      } else {
        problems.addAll(componentProblems(type, name, document.component(type, name).get()));
      }
    }
    if (complete && problems.isEmpty()) {
      for (Map.Entry<ComponentType, String> entry : stack.components().entrySet()) {
        StoredComponent component = document.component(entry.getKey(), entry.getValue()).orElseThrow();
        problems.addAll(stackNeeds(flavors.require(entry.getKey(), component.flavor()), entry.getValue(),
            component, view));
      }
    }
    return List.copyOf(problems);
  }

  /** Throws a {@link StackException} listing every problem, when there is one. */
  public void check(StoreDocument document, String stackName, StoredStack stack) {
    List<StackProblem> problems = problems(document, stackName, stack);
    if (!problems.isEmpty()) {
      throw new StackException(message(stackName, problems), problems);
    }
  }

  public static String message(String stackName, List<StackProblem> problems) {
    return "The stack '" + stackName + "' cannot be used:\n  - "
        + problems.stream().map(StackProblem::message).collect(Collectors.joining("\n  - "));
  }

  private List<StackProblem> componentProblems(ComponentType type, String name, StoredComponent component) {
    Flavor<?, ?> flavor = flavors.find(type, component.flavor()).orElse(null);
    if (flavor == null) {
      return List.of(new StackProblem(type, name, "The " + type.id() + " '" + name + "' has the flavor '"
          + component.flavor() + "', which is not installed (installed: " + flavors.names(type)
          + "). Put the jar that provides it on the classpath, or register another " + type.id() + "."));
    }
    try {
      ConfigBinding.bind(flavor, component.config(), ConfigValueResolver.UNRESOLVED);
      return List.of();
    } catch (ConfigException e) {
      return List.of(new StackProblem(type, name, "The " + type.id() + " '" + name + "': " + e.getMessage()
          + " Fix it with `stepwise " + type.cliName() + " update " + name + " --key=value`."));
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static List<StackProblem> stackNeeds(Flavor flavor, String name, StoredComponent component, StackView view) {
    Record config = ConfigBinding.bind(flavor, component.config(), ConfigValueResolver.UNRESOLVED);
    return flavor.validateStack(name, config, view);
  }

  private static String registered(StoreDocument document, ComponentType type) {
    var names = document.components(type).keySet();
    return names.isEmpty() ? "." : "; registered " + type.id() + "s: " + String.join(", ", names) + ".";
  }
}

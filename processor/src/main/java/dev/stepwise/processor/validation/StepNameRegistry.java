package dev.stepwise.processor.validation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * Keeps step names unique across the whole compilation (over all rounds) and step method names
 * unique per class (stubs and metadata are keyed by method name, so overloads cannot both be steps).
 */
public final class StepNameRegistry {

  private final Map<String, String> stepNames = new HashMap<>();

  /** Checks one class's steps, given in source order, and records their step names. */
  public ValidationReport register(
      TypeElement type, List<ExecutableElement> methods, Map<ExecutableElement, PresentAnnotation> steps) {
    List<Finding> findings = new ArrayList<>();
    Map<String, ExecutableElement> methodNames = new HashMap<>();
    for (ExecutableElement method : methods) {
      String methodName = method.getSimpleName().toString();
      ExecutableElement first = methodNames.putIfAbsent(methodName, method);
      if (first != null) {
        findings.add(Finding.error("StepwiseDuplicateMethod",
            "Class " + type.getQualifiedName() + " has more than one @Step method named "
                + methodName + "; steps are addressed by method name, so overloads cannot both be"
                + " steps. Rename one of them.",
            method));
      }
      PresentAnnotation step = steps.get(method);
      String stepName = StepAnnotationValidator.stepName(method, step);
      String where = type.getQualifiedName() + "." + methodName;
      String previous = stepNames.putIfAbsent(stepName, where);
      if (previous != null && first == null) {
        findings.add(Finding.error("StepwiseDuplicateStepName",
            "Step name \"" + stepName + "\" of " + where + " is already used by " + previous
                + "; step names must be unique in a compilation. Give one of them another name"
                + " with @Step(name = \"...\").",
            method, step.mirror(), step.explicit("name")));
      }
    }
    return ValidationReport.of(findings);
  }
}

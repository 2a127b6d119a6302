package dev.stepwise.processor.validation;

import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;

/**
 * Checks that generated code can call a step method: it is public and not generic, and is static or
 * its class can be instantiated with a public no-argument constructor.
 */
public final class StepMethodValidator {

  public ValidationReport validate(ExecutableElement method) {
    List<Finding> findings = new ArrayList<>();
    TypeElement type = (TypeElement) method.getEnclosingElement();
    String where = type.getQualifiedName() + "." + method.getSimpleName();
    if (!method.getModifiers().contains(Modifier.PUBLIC)) {
      findings.add(Finding.error("StepwiseNotPublic",
          "Step method " + where + " is not public; its generated entrypoint calls it from"
              + " outside. Make it public.",
          method));
    }
    if (!method.getTypeParameters().isEmpty()) {
      findings.add(Finding.error("StepwiseGenericMethod",
          "Step method " + where + " declares type parameters; a step's types must be known at"
              + " compile time to store its inputs and output. Remove the type parameters and use"
              + " concrete types.",
          method));
    }
    if (!method.getModifiers().contains(Modifier.STATIC) && !isInstantiable(type)) {
      findings.add(Finding.error("StepwiseNoConstructor",
          "Step method " + where + " is not static, but " + type.getQualifiedName()
              + " has no public no-argument constructor (or is abstract), so the runtime cannot"
              + " create an instance to call it on. Make the method static, or give the class a"
              + " public no-argument constructor.",
          method));
    }
    return ValidationReport.of(findings);
  }

  private static boolean isInstantiable(TypeElement type) {
    if (type.getKind() != ElementKind.CLASS || type.getModifiers().contains(Modifier.ABSTRACT)) {
      return false;
    }
    return ElementFilter.constructorsIn(type.getEnclosedElements()).stream()
        .anyMatch(c -> c.getModifiers().contains(Modifier.PUBLIC) && c.getParameters().isEmpty());
  }
}

package dev.stepwise.processor.validation;

import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;

/**
 * Checks that a class declaring steps is reachable from generated code in its package: public,
 * top-level or static nested in public classes. Reported once per class, on the class.
 */
public final class StepClassValidator {

  public ValidationReport validate(TypeElement type) {
    List<Finding> findings = new ArrayList<>();
    for (Element e = type; e instanceof TypeElement t; e = t.getEnclosingElement()) {
      NestingKind nesting = t.getNestingKind();
      if (nesting == NestingKind.LOCAL || nesting == NestingKind.ANONYMOUS) {
        findings.add(Finding.error("StepwiseLocalClass",
            "Class " + describe(type) + " declares steps but is local or anonymous; generated code"
                + " cannot name it. Move the steps to a top-level or static nested class.",
            type));
        return ValidationReport.of(findings);
      }
      if (!t.getModifiers().contains(Modifier.PUBLIC)) {
        findings.add(Finding.error("StepwiseClassNotPublic",
            (t == type ? "Class " + describe(type) : "Class " + describe(type) + " is nested in "
                + describe(t) + ", which")
                + " declares steps but is not public; generated entrypoints and the runtime call"
                + " the steps from outside. Make " + t.getSimpleName() + " public.",
            type));
      }
      if (nesting == NestingKind.MEMBER && !t.getModifiers().contains(Modifier.STATIC)) {
        findings.add(Finding.error("StepwiseInnerClass",
            "Class " + describe(type) + " declares steps but " + (t == type ? "is" : "is nested in")
                + " an inner (non-static) class" + (t == type ? "" : " " + describe(t))
                + ", which needs an enclosing instance. Declare " + t.getSimpleName() + " static.",
            type));
      }
    }
    return ValidationReport.of(findings);
  }

  private static String describe(TypeElement type) {
    return type.getQualifiedName().toString();
  }
}

package dev.stepwise.processor.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.Element;
import javax.lang.model.util.Elements;

/** Settings annotations only mean something on a step: reports them on a method without {@code @Step}. */
public final class OrphanSettingsValidator {

  private final Elements elements;

  public OrphanSettingsValidator(Elements elements) {
    this.elements = elements;
  }

  public ValidationReport validate(Element annotated) {
    if (PresentAnnotation.isPresent(annotated, KnownNames.STEP)) {
      return ValidationReport.empty();
    }
    List<Finding> findings = new ArrayList<>();
    for (String settings : List.of(KnownNames.RESOURCE_SETTINGS, KnownNames.SPARK_SETTINGS)) {
      PresentAnnotation.find(annotated, settings, elements).ifPresent(a -> findings.add(
          Finding.error("StepwiseSettingsWithoutStep",
              "@" + simpleName(settings) + " on " + annotated.getSimpleName() + " has no effect"
                  + " because the method is not a step. Add @Step to the method, or remove the"
                  + " settings.",
              annotated, a.mirror(), Optional.empty())));
    }
    return ValidationReport.of(findings);
  }

  private static String simpleName(String qualified) {
    return qualified.substring(qualified.lastIndexOf('.') + 1);
  }
}

package dev.stepwise.processor.validation;

import dev.stepwise.annotations.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javax.lang.model.element.ExecutableElement;

/** Checks the values of {@code @Step}: the step name, the step operator and the retry count. */
public final class StepAnnotationValidator {

  /** Component names, as the stack store accepts them. */
  static final Pattern COMPONENT_NAME = Pattern.compile("[A-Za-z0-9_.-]+");
  /** Step names end up in run records, artifact paths and logs: the same safe alphabet. */
  static final Pattern STEP_NAME = COMPONENT_NAME;

  public ValidationReport validate(ExecutableElement method, PresentAnnotation step) {
    List<Finding> findings = new ArrayList<>();
    String name = step.string("name");
    if (!name.isEmpty() && !STEP_NAME.matcher(name).matches()) {
      findings.add(Finding.error("StepwiseStepName",
          "Step name \"" + name + "\" is not valid: step names use only letters, digits, '_', '.'"
              + " and '-' (" + STEP_NAME.pattern() + "), e.g. \"count_words\". Rename the step,"
              + " or leave name empty to use the method name.",
          method, step.mirror(), step.explicit("name")));
    }
    String operator = step.string("stepOperator");
    if (!operator.isEmpty() && !operator.equals(Step.ACTIVE_STACK_OPERATOR)
        && !COMPONENT_NAME.matcher(operator).matches()) {
      findings.add(Finding.error("StepwiseStepOperator",
          "stepOperator \"" + operator + "\" is not a valid component name (" + COMPONENT_NAME
              + ", e.g. \"spark_step_operator\"). Use a component name, \"" + Step.ACTIVE_STACK_OPERATOR
              + "\" for the active stack's step operator, or \"\" to run in the orchestrator's"
              + " process.",
          method, step.mirror(), step.explicit("stepOperator")));
    }
    int retries = step.intValue("retries");
    if (retries < 0) {
      findings.add(Finding.error("StepwiseRetries",
          "retries " + retries + " is negative: use the number of extra attempts after a failed one,"
              + " >= 0, e.g. retries = 2 for at most 3 attempts (0, the default, means one attempt).",
          method, step.mirror(), step.explicit("retries")));
    }
    return ValidationReport.of(findings);
  }

  /** The step's effective name: {@code @Step(name)} or the method's name. */
  public static String stepName(ExecutableElement method, PresentAnnotation step) {
    String name = step.string("name");
    return name.isEmpty() ? method.getSimpleName().toString() : name;
  }
}

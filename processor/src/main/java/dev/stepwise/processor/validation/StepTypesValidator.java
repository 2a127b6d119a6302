package dev.stepwise.processor.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Checks a step's parameter and return types: each must be storable by a materializer, at most one
 * parameter is the injected SparkSession, and a Dataset input needs that session.
 */
public final class StepTypesValidator {

  private final MaterializableTypes materializable;

  public StepTypesValidator(MaterializableTypes materializable) {
    this.materializable = materializable;
  }

  public ValidationReport validate(ExecutableElement method) {
    List<Finding> findings = new ArrayList<>();
    String step = method.getSimpleName().toString();
    boolean hasSession = method.getParameters().stream()
        .anyMatch(p -> MaterializableTypes.isNamed(p.asType(), KnownNames.SPARK_SESSION));
    boolean sessionSeen = false;
    for (VariableElement parameter : method.getParameters()) {
      TypeMirror type = parameter.asType();
      if (MaterializableTypes.isNamed(type, KnownNames.SPARK_SESSION)) {
        if (sessionSeen) {
          findings.add(Finding.error("StepwiseSparkSession",
              "Parameter '" + parameter.getSimpleName() + "' of step " + step + " is a second"
                  + " SparkSession; the runtime injects the one active session. Keep a single"
                  + " SparkSession parameter.",
              parameter));
        }
        sessionSeen = true;
        continue;
      }
      Optional<String> problem = materializable.problemAsStepType(type);
      if (problem.isPresent()) {
        findings.add(unsupported("Parameter '" + parameter.getSimpleName() + "' of step " + step,
            type, problem.get(), parameter));
      } else if (MaterializableTypes.isDatasetOfRow(type) && !hasSession) {
        findings.add(Finding.error("StepwiseDatasetWithoutSession",
            "Parameter '" + parameter.getSimpleName() + "' of step " + step + " is a Dataset<Row>,"
                + " which is loaded through a Spark session, but the step takes no SparkSession."
                + " Add a SparkSession parameter to the method.",
            parameter));
      }
    }
    TypeMirror output = method.getReturnType();
    if (output.getKind() != TypeKind.VOID) {
      Optional<String> problem = MaterializableTypes.isNamed(output, KnownNames.SPARK_SESSION)
          ? Optional.of("a SparkSession cannot be stored")
          : materializable.problemAsStepType(output);
      problem.ifPresent(p -> findings.add(unsupported("Return type of step " + step, output, p, method)));
    }
    return ValidationReport.of(findings);
  }

  private static Finding unsupported(
      String what, TypeMirror type, String problem, Element target) {
    return Finding.error("StepwiseUnsupportedType",
        what + " is " + type + ", which no materializer can store: " + problem + ". Use one of the"
            + " supported types: " + MaterializableTypes.SUPPORTED + ".",
        target);
  }
}

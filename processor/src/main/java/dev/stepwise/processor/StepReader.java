package dev.stepwise.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import dev.stepwise.processor.model.ResourcesModel;
import dev.stepwise.processor.model.SparkSettingsModel;
import dev.stepwise.processor.model.StepModel;
import dev.stepwise.processor.model.StepParameterModel;
import dev.stepwise.processor.validation.KnownNames;
import dev.stepwise.processor.validation.MaterializableTypes;
import dev.stepwise.processor.validation.PresentAnnotation;
import dev.stepwise.processor.validation.StepAnnotationValidator;
import java.util.Optional;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.util.Elements;

/** Reads a validated step method into its {@link StepModel}. */
final class StepReader {

  private final Elements elements;

  StepReader(Elements elements) {
    this.elements = elements;
  }

  StepModel read(ExecutableElement method, PresentAnnotation step,
      Optional<PresentAnnotation> resourceSettings, Optional<PresentAnnotation> sparkSettings) {
    TypeElement type = (TypeElement) method.getEnclosingElement();
    Optional<ResourcesModel> resources = resourceSettings
        .map(r -> new ResourcesModel(r.doubleValue("cpuCount"), r.intValue("gpuCount"), r.string("memory")));
    Optional<SparkSettingsModel> spark = sparkSettings
        .map(s -> new SparkSettingsModel(
            s.string("deployMode"),
            s.array("submitArgs").stream().map(AnnotationValue::getValue).map(String.class::cast).toList(),
            s.intValue("driverCores"),
            s.string("driverMemory"),
            s.intValue("executorInstances"),
            s.string("parentImage")));
    return new StepModel(
        StepAnnotationValidator.stepName(method, step),
        ClassName.get(type),
        elements.getBinaryName(type).toString(),
        method.getSimpleName().toString(),
        method.getModifiers().contains(Modifier.STATIC),
        method.getParameters().stream()
            .map(p -> new StepParameterModel(
                p.getSimpleName().toString(),
                TypeName.get(p.asType()),
                MaterializableTypes.isNamed(p.asType(), KnownNames.SPARK_SESSION)))
            .toList(),
        method.getReturnType().getKind() == TypeKind.VOID
            ? Optional.empty()
            : Optional.of(TypeName.get(method.getReturnType()).box()),
        step.string("stepOperator"),
        step.intValue("retries"),
        resources,
        spark,
        elements.isDeprecated(method) || elements.isDeprecated(type),
        step.booleanValue("cache"));
  }
}

package dev.stepwise.processor.codegen;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;

/** The runtime types generated code refers to, by name: the processor does not depend on the runtime. */
final class RuntimeNames {
  private RuntimeNames() {}

  static final String PROCESSOR = "dev.stepwise.processor.StepProcessor";

  static final ClassName STEP_PROGRAM = ClassName.get("dev.stepwise.step", "StepProgram");
  static final ClassName STEP_SIGNATURE = ClassName.get("dev.stepwise.step", "StepSignature");
  static final ClassName STEP_INPUTS = ClassName.get("dev.stepwise.step", "StepInputs");
  static final ClassName STEP_ENTRYPOINT = ClassName.get("dev.stepwise.step", "StepEntrypoint");
  static final ClassName TYPE_REFERENCE = ClassName.get("com.fasterxml.jackson.core.type", "TypeReference");
  static final ClassName PIPELINE = ClassName.get("dev.stepwise.pipeline", "Pipeline");
  static final ClassName INPUT = ClassName.get("dev.stepwise.pipeline", "Input");
  static final ClassName STEP_OUTPUT = ClassName.get("dev.stepwise.pipeline", "StepOutput");
  static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");

  static AnnotationSpec generated() {
    return AnnotationSpec.builder(GENERATED).addMember("value", "$S", PROCESSOR).build();
  }

  static AnnotationSpec suppressDeprecation() {
    return AnnotationSpec.builder(SuppressWarnings.class).addMember("value", "$S", "deprecation").build();
  }
}

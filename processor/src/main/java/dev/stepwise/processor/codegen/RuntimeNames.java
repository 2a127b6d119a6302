package dev.stepwise.processor.codegen;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import java.util.List;

/** The runtime types generated code refers to, by name: the processor does not depend on the runtime. */
final class RuntimeNames {
  private RuntimeNames() {}

  static final String PROCESSOR = "dev.stepwise.processor.StepProcessor";

  static final ClassName GENERATED_ENTRYPOINT = ClassName.get("dev.stepwise.step", "GeneratedEntrypoint");
  static final ClassName PIPELINE = ClassName.get("dev.stepwise.pipeline", "Pipeline");
  static final ClassName INPUT = ClassName.get("dev.stepwise.pipeline", "Input");
  static final ClassName STEP_OUTPUT = ClassName.get("dev.stepwise.pipeline", "StepOutput");
  static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");

  static AnnotationSpec generated() {
    return AnnotationSpec.builder(GENERATED).addMember("value", "$S", PROCESSOR).build();
  }

  /** {@code @SuppressWarnings("a")} or {@code @SuppressWarnings({"a", "b"})}. */
  static AnnotationSpec suppressWarnings(List<String> warnings) {
    AnnotationSpec.Builder b = AnnotationSpec.builder(SuppressWarnings.class);
    warnings.forEach(w -> b.addMember("value", "$S", w));
    return b.build();
  }
}

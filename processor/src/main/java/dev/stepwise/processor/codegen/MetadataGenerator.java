package dev.stepwise.processor.codegen;

import dev.stepwise.processor.model.ResourcesModel;
import dev.stepwise.processor.model.SparkSettingsModel;
import dev.stepwise.processor.model.StepModel;
import dev.stepwise.processor.model.StepParameterModel;

/**
 * Renders the metadata resource of one step, field for field the schema of the runtime's
 * {@code StepMetadata} (which rejects unknown fields).
 */
public final class MetadataGenerator {

  static final String RESOURCE_DIRECTORY = "META-INF/stepwise/steps/";

  /** {@code META-INF/stepwise/steps/<binary class name>.<method>.json}. */
  public static String resourcePath(StepModel step) {
    return RESOURCE_DIRECTORY + step.binaryClassName() + "." + step.methodName() + ".json";
  }

  public String generate(StepModel step) {
    JsonText.Obj json = new JsonText.Obj()
        .put("name", JsonText.of(step.stepName()))
        .put("declaringClass", JsonText.of(step.binaryClassName()))
        .put("method", JsonText.of(step.methodName()))
        .put("entrypointClass", JsonText.of(step.entrypointClass().canonicalName()))
        .put("stubClass", JsonText.of(step.stubClass().canonicalName()))
        .put("stepOperator", JsonText.of(step.stepOperator()))
        .put("retries", JsonText.of(step.retries()))
        .put("resources", step.resources().map(MetadataGenerator::resources).orElse(JsonText.Literal.NULL))
        .put("spark", step.spark().map(MetadataGenerator::spark).orElse(JsonText.Literal.NULL))
        .put("parameters", new JsonText.Arr(step.parameters().stream().map(MetadataGenerator::parameter).toList()))
        .put("outputType", JsonText.of(step.outputType().map(Object::toString).orElse("void")))
        .put("cache", JsonText.of(step.cache()));
    return json.print();
  }

  private static JsonText resources(ResourcesModel r) {
    return new JsonText.Obj()
        .put("cpuCount", JsonText.of(r.cpuCount()))
        .put("gpuCount", JsonText.of(r.gpuCount()))
        .put("memory", JsonText.of(r.memory()));
  }

  private static JsonText spark(SparkSettingsModel s) {
    return new JsonText.Obj()
        .put("deployMode", JsonText.of(s.deployMode()))
        .put("submitArgs", JsonText.strings(s.submitArgs()))
        .put("driverCores", JsonText.of(s.driverCores()))
        .put("driverMemory", JsonText.of(s.driverMemory()))
        .put("executorInstances", JsonText.of(s.executorInstances()))
        .put("parentImage", JsonText.of(s.parentImage()));
  }

  private static JsonText parameter(StepParameterModel p) {
    return new JsonText.Obj()
        .put("name", JsonText.of(p.name()))
        .put("type", JsonText.of(p.boxedType().toString()))
        .put("sparkSession", JsonText.of(p.sparkSession()));
  }
}

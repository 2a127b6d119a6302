package dev.stepwise.cli;

import picocli.CommandLine.Option;

/** The optional components of a stack, with ZenML's short and long option spellings. */
final class OptionalComponentOptions {
  @Option(names = {"-s", "--step_operator", "--step-operator"}, paramLabel = "STEP_OPERATOR",
      description = "The step operator.")
  String stepOperator;

  @Option(names = {"-c", "--container_registry", "--container-registry"}, paramLabel = "REGISTRY",
      description = "The container registry.")
  String containerRegistry;

  @Option(names = {"-i", "--image_builder", "--image-builder"}, paramLabel = "IMAGE_BUILDER",
      description = "The image builder.")
  String imageBuilder;
}

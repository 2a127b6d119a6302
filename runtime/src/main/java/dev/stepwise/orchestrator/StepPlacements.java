package dev.stepwise.orchestrator;

import dev.stepwise.annotations.Step;
import dev.stepwise.flavor.ComponentModel;
import dev.stepwise.flavor.ComponentType;
import dev.stepwise.flavor.StackProblem;
import dev.stepwise.operator.StepOperator;
import dev.stepwise.stack.ResolvedStack;
import dev.stepwise.stack.StackException;
import dev.stepwise.step.StepMetadata;
import dev.stepwise.step.StepProgram;
import dev.stepwise.support.JsonCodec;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides, before anything runs, where each invocation of a plan runs on a stack, and reports every
 * step the stack cannot serve at once.
 */
public final class StepPlacements {
  private StepPlacements() {}

  /** Throws {@link StackException} listing every unresolvable step; the map is in plan order. */
  public static Map<String, StepPlacement> resolve(PipelinePlan plan, ResolvedStack stack, RunSettings settings) {
    Optional<ComponentModel> available = stack.view().component(ComponentType.STEP_OPERATOR);
    String availableText = available.map(c -> "'" + c.name() + "' (flavor " + c.flavor() + ")")
        .orElse("none");
    Map<String, StepPlacement> placements = new LinkedHashMap<>();
    List<StackProblem> problems = new ArrayList<>();
    for (PipelinePlan.PlannedStep step : plan.steps()) {
      StepMetadata metadata;
      try {
        metadata = metadata(step.program());
      } catch (IllegalStateException e) {
        problems.add(new StackProblem(ComponentType.STEP_OPERATOR, "", e.getMessage()));
        continue;
      }
      String wanted = settings.stepOperatorFor(step.invocationId(), step.stepName())
          .orElse(metadata.stepOperator());
      if (wanted.isEmpty()) {
        placements.put(step.invocationId(), new StepPlacement(step.invocationId(), metadata, Optional.empty()));
        continue;
      }
      boolean matches = available.isPresent()
          && (wanted.equals(Step.ACTIVE_STACK_OPERATOR) || wanted.equals(available.get().name()));
      if (!matches) {
        String asked = wanted.equals(Step.ACTIVE_STACK_OPERATOR)
            ? "the stack's step operator (@active)" : "step operator '" + wanted + "'";
        problems.add(new StackProblem(ComponentType.STEP_OPERATOR, "", "step '" + step.invocationId()
            + "' needs " + asked + " but stack '" + stack.name() + "' does not have it"
            + " (available step operators: " + availableText + "); register it with 'stepwise"
            + " step-operator register' and add it with 'stepwise stack update " + stack.name()
            + " -s NAME', or run on a stack that has it"));
        continue;
      }
      Optional<StepOperator> operator = stack.find(ComponentType.STEP_OPERATOR, StepOperator.class);
      if (operator.isEmpty()) {
        problems.add(new StackProblem(ComponentType.STEP_OPERATOR, available.get().name(),
            "step operator '" + available.get().name() + "' of stack '" + stack.name()
                + "' was not created as a StepOperator; check its flavor"));
        continue;
      }
      placements.put(step.invocationId(), new StepPlacement(step.invocationId(), metadata, operator));
    }
    for (String target : settings.sparkConf().keySet()) {
      boolean known = target.equals(RunSettings.ALL_STEPS) || plan.steps().stream()
          .anyMatch(s -> s.invocationId().equals(target) || s.stepName().equals(target));
      if (!known) {
        problems.add(new StackProblem(ComponentType.STEP_OPERATOR, "", "the Spark overrides for step '" + target
            + "' name no step of the pipeline; use one of " + plan.steps().stream()
                .map(PipelinePlan.PlannedStep::invocationId).toList() + " or '" + RunSettings.ALL_STEPS
            + "' for every step"));
      }
    }
    if (!problems.isEmpty()) {
      StringBuilder message = new StringBuilder("pipeline '" + plan.pipelineName()
          + "' cannot run on stack '" + stack.name() + "'; nothing was started:");
      problems.forEach(p -> message.append("\n  - ").append(p.message()));
      throw new StackException(message.toString(), problems);
    }
    return placements;
  }

  /** The step's metadata resource, from the class loader of its generated entrypoint. */
  public static StepMetadata metadata(StepProgram program) {
    String resource = program.signature().metadataResource();
    ClassLoader loader = program.getClass().getClassLoader();
    try (InputStream in = loader == null ? null : loader.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("step '" + program.signature().stepName() + "' has no"
            + " metadata resource " + resource + " on the class path; compile "
            + program.signature().declaringClass() + " with stepwise-processor on the annotation"
            + " processor path");
      }
      return JsonCodec.mapper().readValue(in, StepMetadata.class);
    } catch (IOException e) {
      throw new IllegalStateException("the metadata resource " + resource + " of step '"
          + program.signature().stepName() + "' is unreadable: " + e.getMessage()
          + "; rebuild the project", e);
    }
  }
}

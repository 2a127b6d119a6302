package dev.stepwise.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.fixtures.NumbersSteps;
import dev.stepwise.orchestrator.PipelinePlan;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class PipelineDefinitionTest {

  @Test
  void stubOutsideDefineNamesPipelineDefine() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> NumbersSteps.square(Input.of(1)));
    assertTrue(e.getMessage().contains("Pipeline.define"), e.getMessage());
  }

  @Test
  void scopeIsClearedAfterAFailingBody() {
    assertThrows(RuntimeException.class, () -> Pipeline.define("broken", () -> {
      NumbersSteps.square(Input.of(1));
      throw new RuntimeException("body failed");
    }));
    assertThrows(IllegalStateException.class, () -> NumbersSteps.square(Input.of(1)));
  }

  @Test
  void repeatedStepsGetNumberedInvocationIds() {
    Pipeline p = Pipeline.define("repeat", () -> {
      StepOutput<Long> a = NumbersSteps.square(Input.of(1));
      StepOutput<Long> b = NumbersSteps.square(Input.of(2));
      NumbersSteps.add(a, b);
      NumbersSteps.square(Input.of(3));
    });
    assertEquals(List.of("square", "square_2", "add", "square_3"),
        p.steps().stream().map(StepInvocation::invocationId).toList());
    PipelinePlan plan = p.plan();
    assertEquals(List.of(new PipelinePlan.PlannedInput.Upstream("a", "square"),
        new PipelinePlan.PlannedInput.Upstream("b", "square_2")), plan.steps().get(2).inputs());
  }

  @Test
  void outputOfAnotherPipelineIsRejected() {
    AtomicReference<StepOutput<Long>> foreign = new AtomicReference<>();
    Pipeline.define("first", () -> foreign.set(NumbersSteps.square(Input.of(1))));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Pipeline.define("second", () -> NumbersSteps.sink(foreign.get())));
    assertTrue(e.getMessage().contains("another pipeline definition"), e.getMessage());
  }

  @Test
  void badDefinitionsAreExplained() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Pipeline.define("empty", () -> {}))
        .getMessage().contains("defines no steps"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Pipeline.define("bad name", () -> {}))
        .getMessage().contains("not valid"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> Pipeline.define("nulls", () -> NumbersSteps.square(null))).getMessage().contains("is null"));
    assertTrue(assertThrows(IllegalStateException.class, () -> Pipeline.define("outer",
        () -> Pipeline.define("inner", () -> NumbersSteps.square(Input.of(1))))).getMessage().contains("nested"));
  }

  @Test
  void literalOfTheWrongRuntimeTypeIsRejected() {
    @SuppressWarnings({"unchecked", "rawtypes"})
    Input<Integer> wrong = (Input) Input.of("three");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Pipeline.define("wrong", () -> NumbersSteps.square(wrong)));
    assertTrue(e.getMessage().contains("needs a java.lang.Integer but the literal is a java.lang.String"), e.getMessage());
  }
}

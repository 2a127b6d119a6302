package dev.stepwise.pipeline;

import dev.stepwise.artifact.Materializers;
import dev.stepwise.step.StepParameter;
import dev.stepwise.step.StepProgram;
import dev.stepwise.step.StepSignature;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Collects the step invocations of the {@link Pipeline#define} body running on this thread. */
final class PipelineScope {
  private static final ThreadLocal<PipelineScope> CURRENT = new ThreadLocal<>();
  private static final Map<Class<?>, Class<?>> BOXES = Map.of(
      boolean.class, Boolean.class, byte.class, Byte.class, short.class, Short.class,
      char.class, Character.class, int.class, Integer.class, long.class, Long.class,
      float.class, Float.class, double.class, Double.class);

  private final String pipelineName;
  private final List<StepInvocation> invocations = new ArrayList<>();
  private final Map<String, Integer> uses = new HashMap<>();
  private final Set<StepOutput<?>> ownOutputs = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Materializers materializers = Materializers.discover();

  private PipelineScope(String pipelineName) {
    this.pipelineName = pipelineName;
  }

  static List<StepInvocation> collect(String pipelineName, Runnable body) {
    if (CURRENT.get() != null) {
      throw new IllegalStateException("Pipeline.define(\"" + pipelineName + "\") was called inside"
          + " the definition of pipeline '" + CURRENT.get().pipelineName + "'; define pipelines"
          + " one after the other, not nested");
    }
    PipelineScope scope = new PipelineScope(pipelineName);
    CURRENT.set(scope);
    try {
      body.run();
    } finally {
      CURRENT.remove();
    }
    return List.copyOf(scope.invocations);
  }

  static PipelineScope current(StepProgram program) {
    PipelineScope scope = CURRENT.get();
    if (scope == null) {
      throw new IllegalStateException("step '" + program.signature().stepName() + "' was wired"
          + " outside a pipeline definition; call step stubs inside the body of"
          + " Pipeline.define(name, () -> { ... })");
    }
    return scope;
  }

  <T> StepOutput<T> add(StepProgram program, Input<?>[] inputs) {
    StepSignature signature = program.signature();
    List<StepParameter> parameters = signature.inputs();
    String step = signature.stepName();
    if (inputs == null || inputs.length != parameters.size()) {
      throw new IllegalArgumentException("step '" + step + "' takes " + parameters.size()
          + " inputs " + parameters.stream().map(StepParameter::name).toList() + " but got "
          + (inputs == null ? 0 : inputs.length));
    }
    for (int i = 0; i < inputs.length; i++) {
      check(step, parameters.get(i), inputs[i]);
    }
    int use = uses.merge(step, 1, Integer::sum);
    String invocationId = use == 1 ? step : step + "_" + use;
    invocations.add(new StepInvocation(invocationId, program, List.of(inputs)));
    StepOutput<T> output = new StepOutput<>(invocationId, step);
    ownOutputs.add(output);
    return output;
  }

  private void check(String step, StepParameter parameter, Input<?> input) {
    String where = "input '" + parameter.name() + "' of step '" + step + "'";
    if (input == null) {
      throw new IllegalArgumentException(where + " is null; pass Input.of(value) or an upstream"
          + " step's output");
    }
    if (input instanceof StepOutput<?> upstream && !ownOutputs.contains(upstream)) {
      throw new IllegalArgumentException(where + " is the output of step '"
          + upstream.invocationId() + "' from another pipeline definition; steps can only use"
          + " outputs of steps defined earlier in the same Pipeline.define body");
    }
    if (input instanceof Input.Literal<?> literal) {
      Object value = literal.value();
      Class<?> raw = rawClass(parameter.type());
      if (value == null) {
        throw new IllegalArgumentException(where + " is a null literal; pass a value");
      }
      if (raw != null && !BOXES.getOrDefault(raw, raw).isInstance(value)) {
        throw new IllegalArgumentException(where + " needs a " + parameter.type().getTypeName()
            + " but the literal is a " + value.getClass().getName());
      }
      if (materializers.forType(parameter.type()).isEmpty()) {
        throw new IllegalArgumentException(where + " has type " + parameter.type().getTypeName()
            + ", which no materializer can store as a literal; compute it in an upstream step");
      }
    }
  }

  private static Class<?> rawClass(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
      return c;
    }
    return null;
  }
}

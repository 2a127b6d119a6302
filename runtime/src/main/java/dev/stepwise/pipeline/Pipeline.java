package dev.stepwise.pipeline;

import dev.stepwise.flavor.ComponentType;
import dev.stepwise.orchestrator.Orchestrator;
import dev.stepwise.orchestrator.PipelinePlan.PlannedInput;
import dev.stepwise.orchestrator.PipelinePlan.PlannedStep;
import dev.stepwise.orchestrator.PipelinePlan;
import dev.stepwise.orchestrator.RunHandle;
import dev.stepwise.orchestrator.RunSettings;
import dev.stepwise.secret.SecretConfigValues;
import dev.stepwise.stack.ResolvedStack;
import dev.stepwise.stack.Stacks;
import dev.stepwise.stack.StepwiseEnvironment;
import dev.stepwise.step.StepParameter;
import dev.stepwise.step.StepProgram;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A pipeline: a named DAG of step invocations, defined in Java from the generated typed stubs.
 * Inside the body of {@link #define}, each stub call adds one step and returns its typed output,
 * which later stub calls take as input; {@code javac} checks the wiring.
 *
 * <pre>{@code
 * Pipeline wordCount = Pipeline.define("word_count", () -> {
 *   StepOutput<String> text = WordCountSteps.loadText(Input.of("data/pride-and-prejudice.txt"));
 *   StepOutput<Long> words = WordCountSteps.countWords(text);
 *   WordCountSteps.report(words);
 * });
 * PipelineRun run = wordCount.run();          // on the active stack; waits for the end
 * long count = run.output(words);             // typed
 * }</pre>
 *
 * A step used twice gets invocation ids {@code countWords} and {@code countWords_2}. Run options
 * (another stack, parallelism, a step operator per step) go in {@link RunOptions}; {@link #start}
 * returns at once with a handle that can be cancelled.
 */
public final class Pipeline {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]+");

  private final String name;
  private final List<StepInvocation> steps;
  // the PipelineDefinition it came from, kept in run records so 'stepwise run resume' can load it again
  private final Optional<String> definitionClass;

  private Pipeline(String name, List<StepInvocation> steps, Optional<String> definitionClass) {
    this.name = name;
    this.steps = List.copyOf(steps);
    this.definitionClass = definitionClass;
  }

  /** This pipeline, as defined by the {@link PipelineDefinition} class {@code className}. */
  Pipeline definedBy(String className) {
    return new Pipeline(name, steps, Optional.of(className));
  }

  /**
   * Runs {@code body}, collecting the steps its stub calls add, and returns the checked pipeline.
   * {@code name} is used in run ids and records ({@code [A-Za-z0-9_.-]+}).
   */
  public static Pipeline define(String name, Runnable body) {
    Objects.requireNonNull(body, "body");
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("pipeline name '" + name + "' is not valid; use letters,"
          + " digits, '_', '.' and '-', e.g. \"word_count\"");
    }
    List<StepInvocation> steps = PipelineScope.collect(name, body);
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("pipeline '" + name + "' defines no steps; call step stubs"
          + " (the generated <Class>Steps methods) inside the body");
    }
    checkDag(name, steps);
    return new Pipeline(name, steps, Optional.empty());
  }

  /**
   * Adds one invocation of {@code program}'s step to the pipeline being defined, with one input per
   * non-SparkSession parameter in declaration order. Called by generated stubs only; outside
   * {@link #define} it fails with a message that says so.
   */
  public static <T> StepOutput<T> step(StepProgram program, Input<?>... inputs) {
    Objects.requireNonNull(program, "program");
    return PipelineScope.current(program).add(program, inputs);
  }

  public String name() {
    return name;
  }

  /** The invocations in definition order (a dependency order). */
  public List<StepInvocation> steps() {
    return steps;
  }

  /** Runs on the active stack and waits for the run to end (a failed run is returned, not thrown). */
  public PipelineRun run() throws InterruptedException {
    return run(RunOptions.defaults());
  }

  /** Runs with {@code options} and waits for the run to end. */
  public PipelineRun run(RunOptions options) throws InterruptedException {
    return start(options).await();
  }

  /**
   * Checks the pipeline against the stack (every step's operator must be there) and starts it,
   * returning at once. Throws {@link dev.stepwise.stack.StackException} before anything runs when
   * the stack cannot serve it.
   */
  public PipelineRun start(RunOptions options) {
    ResolvedStack stack = stack(options);
    Orchestrator orchestrator = stack.require(ComponentType.ORCHESTRATOR, Orchestrator.class);
    RunHandle handle = orchestrator.start(plan(), stack, settings(options));
    return new PipelineRun(handle);
  }

  /**
   * Continues run {@code runId} of this pipeline under the same id, on the active stack, with the
   * choices it was started with ({@code stepwise run resume RUN_ID}): completed steps keep their
   * outputs; a step whose driver still runs on a cluster (its orchestrator died) is followed, never
   * submitted twice; failed, cancelled and never started steps run. Returns at once. Throws
   * {@link dev.stepwise.support.StepwiseException}, changing nothing, for a completed run, a run a live
   * process still drives, or a run whose steps differ from this pipeline's.
   */
  public PipelineRun resume(String runId) {
    ResolvedStack stack = stack(RunOptions.defaults());
    Orchestrator orchestrator = stack.require(ComponentType.ORCHESTRATOR, Orchestrator.class);
    return new PipelineRun(orchestrator.resume(runId, plan(), stack, Optional.empty()));
  }

  /** As {@link #resume(String)}, with {@code options} (its stack, class path, Spark keys) instead. */
  public PipelineRun resume(String runId, RunOptions options) {
    ResolvedStack stack = stack(options);
    Orchestrator orchestrator = stack.require(ComponentType.ORCHESTRATOR, Orchestrator.class);
    return new PipelineRun(orchestrator.resume(runId, plan(), stack, Optional.of(settings(options))));
  }

  private static ResolvedStack stack(RunOptions options) {
    // components get secret references resolved now, at the moment of use; stored configs keep them
    StepwiseEnvironment environment = StepwiseEnvironment.current();
    SecretConfigValues secrets = SecretConfigValues.of(environment);
    return options.stack().orElseGet(() -> Stacks.forUse(options.stackName(), environment, secrets));
  }

  private static RunSettings settings(RunOptions options) {
    return new RunSettings(options.parallelism(), options.stepOperators(),
        options.classpath(), options.environment(), options.sparkConf(), options.retryDelay(), options.cache());
  }

  /** What the orchestrator runs. */
  public PipelinePlan plan() {
    List<PlannedStep> planned = new ArrayList<>();
    for (StepInvocation invocation : steps) {
      List<StepParameter> parameters = invocation.program().signature().inputs();
      List<PlannedInput> inputs = new ArrayList<>();
      for (int i = 0; i < parameters.size(); i++) {
        String parameter = parameters.get(i).name();
        Input<?> input = invocation.inputs().get(i);
        inputs.add(input instanceof StepOutput<?> upstream
            ? new PlannedInput.Upstream(parameter, upstream.invocationId())
            : new PlannedInput.Literal(parameter, ((Input.Literal<?>) input).value()));
      }
      planned.add(new PlannedStep(invocation.invocationId(), invocation.program(), inputs));
    }
    return new PipelinePlan(name, planned, definitionClass);
  }

  /** Upstream steps must come earlier; stubs make that true, but a plan is checked anyway. */
  private static void checkDag(String name, List<StepInvocation> steps) {
    Set<String> seen = new HashSet<>();
    for (StepInvocation step : steps) {
      for (Input<?> input : step.inputs()) {
        if (input instanceof StepOutput<?> upstream && !seen.contains(upstream.invocationId())) {
          throw new IllegalStateException("pipeline '" + name + "': step '" + step.invocationId()
              + "' reads the output of '" + upstream.invocationId() + "', which does not run before"
              + " it (a cycle or a foreign step)");
        }
      }
      if (!seen.add(step.invocationId())) {
        throw new IllegalStateException("pipeline '" + name + "' has two steps with invocation id '"
            + step.invocationId() + "'");
      }
    }
  }

  @Override
  public String toString() {
    return "Pipeline[" + name + ", steps=" + steps.stream().map(StepInvocation::invocationId).toList() + "]";
  }
}

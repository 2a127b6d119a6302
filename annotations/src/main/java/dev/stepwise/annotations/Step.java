package dev.stepwise.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method as a pipeline step.
 *
 * <p>At compile time the Stepwise processor checks the method and generates, next to its class,
 * an entrypoint class with a {@code main} that runs this one step anywhere (in the orchestrator's
 * process, a child JVM, or a Spark driver), a typed launcher stub {@code <Class>Steps} used to wire
 * steps into pipelines, and a metadata resource {@code META-INF/stepwise/steps/<class>.<method>.json}.
 *
 * <p>The method must be {@code public}; either {@code static}, or declared in a public top-level or
 * static nested class with a public no-argument constructor; and not generic. Its parameters and
 * return type must be types a materializer can store: primitives and their boxes, {@code String},
 * enums, {@code byte[]}, records and Jackson-serializable classes, {@code List}/{@code Set}/{@code Map}
 * of those, and Spark's {@code Dataset<Row>}. A parameter of type {@code SparkSession} is not an
 * input: the runtime passes the active session.
 *
 * <pre>{@code
 * @Step(stepOperator = "spark_step_operator")
 * public static long countWords(SparkSession spark, String text) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Step {

  /**
   * The value of {@link #stepOperator()} that means "whatever step operator the active stack has",
   * like ZenML's {@code step_operator=True}. A run fails before it starts when the stack has none.
   */
  String ACTIVE_STACK_OPERATOR = "@active";

  /**
   * The step's name, unique within a compilation and shown in runs, logs and {@code stepwise}
   * output. Empty (the default) means the method's name.
   */
  String name() default "";

  /**
   * Where the step runs.
   *
   * <ul>
   *   <li>empty (the default): in the orchestrator's own process;
   *   <li>a component name such as {@code "spark_step_operator"}: through the step operator of that
   *       name, which must be part of the active stack (names use {@code [A-Za-z0-9_.-]});
   *   <li>{@link #ACTIVE_STACK_OPERATOR} ({@code "@active"}): through the active stack's step operator,
   *       whatever its name.
   * </ul>
   */
  String stepOperator() default "";

  /**
   * Whether a run may reuse this step's output from an earlier run instead of running it again (on
   * by default, as in ZenML). A step is reused when its cache key is unchanged: the bytecode of its
   * class and of the user's classes it reaches, the library jars, its literal inputs, its upstream
   * steps' keys, its {@code submitArgs} and its step operator's {@code submit_kwargs}. Turn it off
   * for a step whose result depends on something the key cannot see: data read from a path or
   * table that does not change its name when its content does, the clock, randomness, a service.
   */
  boolean cache() default true;

  /**
   * How many times to run the step again after a failed attempt, so at most {@code retries + 1}
   * attempts; 0 (the default) means one attempt. Attempts are spaced by an exponential backoff whose
   * first delay the run sets ({@code --retry-delay}, default 10s) and which doubles each time. Only
   * failures that may pass are retried: the step threw, its JVM or driver died, or the
   * infrastructure lost it (OOMKilled, an evicted or vanished driver pod, a lost standalone driver);
   * bad arguments or spec, submission problems, timeouts and cancellation are not. Must be {@code >= 0}.
   */
  int retries() default 0;
}

package dev.stepwise.cli;

import dev.stepwise.discovery.Classpath;
import dev.stepwise.orchestrator.RunRecord;
import dev.stepwise.orchestrator.RunState;
import dev.stepwise.orchestrator.StepRecord;
import dev.stepwise.pipeline.Pipeline;
import dev.stepwise.pipeline.PipelineDefinition;
import dev.stepwise.pipeline.PipelineRun;
import dev.stepwise.pipeline.RunOptions;
import dev.stepwise.support.DurationText;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URLClassLoader;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code stepwise pipeline run <class> [--classpath CP] [--stack NAME] [--conf spark.key=value]
 * [--step-conf STEP:spark.key=value] [--retry-delay DURATION]}: loads a class implementing
 * {@link PipelineDefinition} from the class path, runs its pipeline and waits for the end. Exit
 * codes: {@link ExitCodes#OK} when the run completed, {@link ExitCodes#RUN_FAILED} when it failed or
 * was cancelled, {@link ExitCodes#USER_ERROR} when it could not start.
 */
@Command(name = "run", description = "Run the pipeline defined by a class implementing dev.stepwise.pipeline.PipelineDefinition.",
    mixinStandardHelpOptions = true)
final class PipelineRunCommand extends CliCommand {
  private static final Duration SUMMARY_WAIT = Duration.ofSeconds(20);

  @Parameters(paramLabel = "CLASS", description = "The class that defines the pipeline (fully qualified).")
  String className;

  @Option(names = {"--classpath", "-cp"}, paramLabel = "CP",
      description = "Where the class and its steps are: directories and jars separated by the"
          + " platform's path separator (':' on Unix); a 'dir/*' entry adds every jar in dir.")
  String classpath;

  @Mixin
  StackOption stack = new StackOption();

  @Option(names = "--parallelism", paramLabel = "N", defaultValue = "0",
      description = "Run at most N independent steps at once (default: the orchestrator's setting).")
  int parallelism;

  @Mixin
  SparkConfOptions sparkConf = new SparkConfOptions();

  @Option(names = "--no-cache",
      description = "Run every step, reusing no earlier run's output (steps that complete are still cached).")
  boolean noCache;
  @Option(names = "--retry-delay", paramLabel = "DURATION", defaultValue = RunOptions.DEFAULT_RETRY_DELAY_TEXT,
      description = "Wait this long before a failed step's second attempt, twice as long before its third, and so on"
          + " (only steps with @Step(retries = N) get more than one): 500ms, 2s, 5m, 1h or ISO-8601"
          + " (default: ${DEFAULT-VALUE}).")
  String retryDelay;

  @Override
  protected int execute() {
    var out = out();
    Map<String, Map<String, String>> overrides = sparkConf.byStep();
    Classpath entries = Classpath.parse(classpath);
    ClassLoader previous = Thread.currentThread().getContextClassLoader();
    try (URLClassLoader loader = new URLClassLoader(entries.urls(), getClass().getClassLoader())) {
      Thread.currentThread().setContextClassLoader(loader);
      Pipeline pipeline = PipelineDefinition.load(className, loader);
      RunOptions options = RunOptions.defaults()
          .onStack(stack.resolve(environment()))
          .withParallelism(parallelism)
          .withRetryDelay(DurationText.parse(retryDelay, "--retry-delay"))
          .withClasspath(entries.forStepJvm().strings());
      if (noCache) {
        options = options.withoutCache();
      }
      for (Map.Entry<String, Map<String, String>> step : overrides.entrySet()) {
        for (Map.Entry<String, String> key : step.getValue().entrySet()) {
          options = options.withSparkConf(step.getKey(), key.getKey(), key.getValue());
        }
      }
      PipelineRun run = pipeline.start(options);
      out.println("Started run " + run.runId() + " of pipeline '" + pipeline.name() + "' on stack '"
          + run.record().stack() + "'.");
      out.flush();
      String stackHint = StackOption.hintFor(run.record().stack(), environment());
      // Ctrl-C: the run cancels itself in its own hook; this one waits for that and says how it ended,
      // since the JVM halts once the hooks are done and this thread would never get to print
      AtomicBoolean summarized = new AtomicBoolean();
      PrintWriter err = err();
      Thread summaryOnExit = new Thread(() -> {
        try {
          boolean ended = run.await(SUMMARY_WAIT);
          if (summarized.compareAndSet(false, true)) {
            if (!ended) {
              err.println("stepwise: the run was still stopping after " + SUMMARY_WAIT.toSeconds()
                  + "s; its state as recorded now:");
            }
            summarize(run, out, err, stackHint);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "stepwise-summary-on-exit");
      Runtime.getRuntime().addShutdownHook(summaryOnExit);
      run.await();
      try {
        Runtime.getRuntime().removeShutdownHook(summaryOnExit);
      } catch (IllegalStateException shuttingDown) {
        return ExitCodes.RUN_FAILED; // the hook prints the summary
      }
      if (!summarized.compareAndSet(false, true)) {
        return ExitCodes.RUN_FAILED;
      }
      return summarize(run, out, err, stackHint);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ExitCodes.RUN_FAILED;
    } finally {
      Thread.currentThread().setContextClassLoader(previous);
    }
  }

  /** The final summary: the run, each step's state, where to look; the exit code that goes with it. */
  private static int summarize(PipelineRun run, PrintWriter out, PrintWriter err, String stackHint) {
    RunRecord record = run.record();
    out.println("Run " + record.runId() + " " + record.state() + ".");
    for (StepRecord step : record.steps()) {
      out.println("  " + step.invocationId() + ": " + step.state()
          + step.error().map(e -> " — " + e.summary().lines().findFirst().orElse("")).orElse("")
          + step.cache().filter(c -> c.hit()).flatMap(c -> c.fromRun()).map(from -> " (from run " + from + ")")
              .orElse(""));
    }
    out.println("Details: stepwise run describe " + record.runId() + stackHint);
    out.println("Logs:    stepwise run logs " + record.runId() + stackHint + " [--step NAME]");
    out.flush();
    if (run.recordProblem().isPresent()) {
      err.println("Error: " + run.recordProblem().get() + ". This summary is the only record of how it ended.");
      err.flush();
      return ExitCodes.RECORD_PROBLEM;
    }
    return record.state() == RunState.COMPLETED ? ExitCodes.OK : ExitCodes.RUN_FAILED;
  }
}

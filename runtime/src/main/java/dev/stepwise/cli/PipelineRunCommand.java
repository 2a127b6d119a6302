package dev.stepwise.cli;

import dev.stepwise.discovery.Classpath;
import dev.stepwise.pipeline.Pipeline;
import dev.stepwise.pipeline.PipelineDefinition;
import dev.stepwise.pipeline.PipelineRun;
import dev.stepwise.pipeline.RunOptions;
import dev.stepwise.support.DurationText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLClassLoader;
import java.util.Map;
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
      return RunSummary.awaitAndSummarize(run, out, err(), StackOption.hintFor(run.record().stack(), environment()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ExitCodes.RUN_FAILED;
    } finally {
      Thread.currentThread().setContextClassLoader(previous);
    }
  }
}

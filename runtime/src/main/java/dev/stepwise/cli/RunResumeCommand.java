package dev.stepwise.cli;

import dev.stepwise.discovery.Classpath;
import dev.stepwise.operator.StepState;
import dev.stepwise.orchestrator.RunOrigin;
import dev.stepwise.orchestrator.RunRecord;
import dev.stepwise.pipeline.Pipeline;
import dev.stepwise.pipeline.PipelineDefinition;
import dev.stepwise.pipeline.PipelineRun;
import dev.stepwise.pipeline.RunOptions;
import dev.stepwise.support.StepwiseException;
import java.io.File;
import java.io.IOException;
import java.net.URLClassLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code stepwise run resume RUN_ID}: continues a run that failed, was cancelled or lost its
 * orchestrator, under the same id, with the pipeline class, class path and options it was started
 * with (as recorded); the Java twin is {@link Pipeline#resume(String, RunOptions)}. Waits for the end
 * and exits as {@code pipeline run} does.
 */
@Command(name = "resume", mixinStandardHelpOptions = true,
    description = "Continue a run that did not complete, under the same id: completed steps keep their outputs, a"
        + " step whose driver still runs on a cluster is followed (never submitted twice), the others run again.")
final class RunResumeCommand extends RunCommand.StoreCommand {
  @Parameters(paramLabel = "RUN_ID", description = "The run, as shown by 'stepwise run list'.")
  String runId;

  @Option(names = {"--classpath", "-cp"}, paramLabel = "CP",
      description = "Where the pipeline class and its steps are now (default: the --classpath the run was started with).")
  String classpath;

  @Mixin
  SparkConfOptions sparkConf = new SparkConfOptions();

  @Override
  int run() throws IOException, InterruptedException {
    RunRecord recorded = runStore().describe(runId).orElseThrow(() -> new StepwiseException(
        "no run '" + runId + "' in this stack's artifact store; see 'stepwise run list" + stack.hint(environment()) + "'"));
    // refused before the pipeline's classes are loaded: the reason is the run's state, not the class path
    recorded.whyNotResumable().ifPresent(why -> {
      throw new StepwiseException(why);
    });
    RunOrigin origin = recorded.origin().orElseThrow(() -> new StepwiseException("run '" + runId + "' was recorded"
        + " by an older Stepwise that did not keep how it was started; it cannot be resumed"));
    String className = origin.definitionClass().orElseThrow(() -> new StepwiseException("run '" + runId
        + "' ran a pipeline built in Java code, not loaded from a PipelineDefinition class, so this command cannot"
        + " load it again; resume it from that code with pipeline.resume(\"" + runId + "\")"));
    Classpath entries = Classpath.parse(classpath != null ? classpath : String.join(File.pathSeparator, origin.classpath()));
    ClassLoader previous = Thread.currentThread().getContextClassLoader();
    try (URLClassLoader loader = new URLClassLoader(entries.urls(), getClass().getClassLoader())) {
      Thread.currentThread().setContextClassLoader(loader);
      Pipeline pipeline = PipelineDefinition.load(className, loader);
      RunOptions options = RunOptions.asRecorded(recorded, sparkConf.byStep());
      options = options.withClasspath(entries.forStepJvm().strings());
      PipelineRun run = pipeline.resume(runId, options);
      RunRecord now = run.record();
      long kept = now.steps().stream().filter(s -> s.state().succeeded()).count();
      long followed = now.steps().stream().filter(s -> s.state() == StepState.RUNNING).count();
      out().println("Resumed run " + runId + " of pipeline '" + pipeline.name() + "' on stack '" + now.stack() + "': "
          + kept + " step(s) keep their outputs, " + followed + " still running on a cluster followed, "
          + (now.steps().size() - kept - followed) + " to run.");
      out().flush();
      return RunSummary.awaitAndSummarize(run, out(), err(), StackOption.hintFor(now.stack(), environment()));
    } finally {
      Thread.currentThread().setContextClassLoader(previous);
    }
  }
}

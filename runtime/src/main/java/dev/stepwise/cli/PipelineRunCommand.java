package dev.stepwise.cli;

import dev.stepwise.orchestrator.RunRecord;
import dev.stepwise.orchestrator.RunState;
import dev.stepwise.orchestrator.StepRecord;
import dev.stepwise.pipeline.Pipeline;
import dev.stepwise.pipeline.PipelineDefinition;
import dev.stepwise.pipeline.PipelineRun;
import dev.stepwise.pipeline.RunOptions;
import dev.stepwise.secret.SecretConfigValues;
import dev.stepwise.stack.StackException;
import dev.stepwise.stack.Stacks;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code stepwise pipeline run <class> [--classpath CP] [--stack NAME] [--conf spark.key=value]
 * [--step-conf STEP:spark.key=value]}: loads a class implementing
 * {@link PipelineDefinition} from the class path, runs its pipeline and waits for the end. Exit
 * codes: {@link ExitCodes#OK} when the run completed, {@link ExitCodes#RUN_FAILED} when it failed or
 * was cancelled, {@link ExitCodes#USER_ERROR} when it could not start.
 */
@Command(name = "run", description = "Run the pipeline defined by a class implementing dev.stepwise.pipeline.PipelineDefinition.",
    mixinStandardHelpOptions = true)
final class PipelineRunCommand extends CliCommand {
  private static final java.time.Duration SUMMARY_WAIT = java.time.Duration.ofSeconds(20);

  @Parameters(paramLabel = "CLASS", description = "The class that defines the pipeline (fully qualified).")
  String className;

  @Option(names = {"--classpath", "-cp"}, paramLabel = "CP",
      description = "Where the class and its steps are: directories and jars separated by the"
          + " platform's path separator (':' on Unix); a 'dir/*' entry adds every jar in dir.")
  String classpath;

  @Option(names = "--stack", paramLabel = "NAME", description = "Run on this stack instead of the active one.")
  String stack;

  @Option(names = "--parallelism", paramLabel = "N", defaultValue = "0",
      description = "Run at most N independent steps at once (default: the orchestrator's setting).")
  int parallelism;

  @Mixin
  SparkConfOptions sparkConf = new SparkConfOptions();

  @Override
  protected int execute() {
    var err = err();
    var out = out();
    List<Path> entries;
    Map<String, Map<String, String>> overrides;
    try {
      overrides = sparkConf.byStep();
      entries = classpathEntries(classpath);
    } catch (IllegalArgumentException | IOException e) {
      err.println("Error: " + e.getMessage());
      return ExitCodes.USER_ERROR;
    }
    ClassLoader previous = Thread.currentThread().getContextClassLoader();
    try (URLClassLoader loader = new URLClassLoader(urls(entries), getClass().getClassLoader())) {
      Thread.currentThread().setContextClassLoader(loader);
      Pipeline pipeline = load(loader);
      List<String> childClasspath = new ArrayList<>(
          List.of(System.getProperty("java.class.path").split(File.pathSeparator)));
      entries.forEach(e -> childClasspath.add(e.toString()));
      RunOptions options = RunOptions.defaults()
          .onStack(stack == null ? Stacks.active(environment(), SecretConfigValues.of(environment()))
              : Stacks.named(stack, environment(), SecretConfigValues.of(environment())))
          .withParallelism(parallelism)
          .withClasspath(childClasspath);
      for (Map.Entry<String, Map<String, String>> step : overrides.entrySet()) {
        for (Map.Entry<String, String> key : step.getValue().entrySet()) {
          options = options.withSparkConf(step.getKey(), key.getKey(), key.getValue());
        }
      }
      PipelineRun run = pipeline.start(options);
      out.println("Started run " + run.runId() + " of pipeline '" + pipeline.name() + "' on stack '"
          + run.record().stack() + "'.");
      out.flush();
      // Ctrl-C: the run cancels itself in its own hook; this one waits for that and says how it ended,
      // since the JVM halts once the hooks are done and this thread would never get to print
      AtomicBoolean summarized = new AtomicBoolean();
      Thread summaryOnExit = new Thread(() -> {
        try {
          boolean ended = run.await(SUMMARY_WAIT);
          if (summarized.compareAndSet(false, true)) {
            if (!ended) {
              err.println("stepwise: the run was still stopping after " + SUMMARY_WAIT.toSeconds()
                  + "s; its state as recorded now:");
            }
            summarize(run, out, err);
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
      return summarize(run, out, err);
    } catch (IllegalArgumentException | IllegalStateException | StackException | IOException e) {
      err.println("Error: " + e.getMessage());
      return ExitCodes.USER_ERROR;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ExitCodes.RUN_FAILED;
    } finally {
      Thread.currentThread().setContextClassLoader(previous);
    }
  }

  /** The final summary: the run, each step's state, where to look; the exit code that goes with it. */
  private static int summarize(PipelineRun run, java.io.PrintWriter out, java.io.PrintWriter err) {
    RunRecord record = run.record();
    out.println("Run " + record.runId() + " " + record.state() + ".");
    for (StepRecord step : record.steps()) {
      out.println("  " + step.invocationId() + ": " + step.state()
          + step.error().map(e -> " — " + e.summary().lines().findFirst().orElse("")).orElse(""));
    }
    out.println("Details: stepwise run describe " + record.runId());
    out.println("Logs:    stepwise run logs " + record.runId() + " [--step NAME]");
    out.flush();
    if (run.recordProblem().isPresent()) {
      err.println("Error: " + run.recordProblem().get() + ". This summary is the only record of how it ended.");
      err.flush();
      return ExitCodes.RECORD_PROBLEM;
    }
    return record.state() == RunState.COMPLETED ? ExitCodes.OK : ExitCodes.RUN_FAILED;
  }

  private Pipeline load(ClassLoader loader) {
    Class<?> type;
    try {
      type = Class.forName(className, true, loader);
    } catch (ClassNotFoundException e) {
      throw new IllegalArgumentException("class " + className + " is not on the class path"
          + (classpath == null ? "; pass --classpath with the directories or jars that hold it"
              : " " + classpath + "; check the name and the --classpath"));
    }
    if (!PipelineDefinition.class.isAssignableFrom(type)) {
      throw new IllegalArgumentException("class " + className + " does not implement "
          + PipelineDefinition.class.getName() + "; implement it and return your pipeline from pipeline()");
    }
    try {
      PipelineDefinition definition = (PipelineDefinition) type.getConstructor().newInstance();
      return definition.pipeline();
    } catch (NoSuchMethodException | IllegalAccessException e) {
      throw new IllegalArgumentException("class " + className + " needs a public no-arg constructor");
    } catch (InstantiationException e) {
      throw new IllegalArgumentException("class " + className + " is abstract; name a concrete class");
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      throw new IllegalArgumentException("defining the pipeline of " + className + " failed: " + cause, cause);
    }
  }

  static List<Path> classpathEntries(String classpath) throws IOException {
    List<Path> entries = new ArrayList<>();
    if (classpath == null || classpath.isBlank()) {
      return entries;
    }
    for (String entry : classpath.split(File.pathSeparator)) {
      if (entry.isBlank()) {
        continue;
      }
      if (entry.endsWith("*")) {
        Path dir = Path.of(entry.substring(0, entry.length() - 1));
        if (!Files.isDirectory(dir)) {
          throw new IllegalArgumentException("class path entry '" + entry + "': " + dir + " is not a directory");
        }
        try (Stream<Path> jars = Files.list(dir)) {
          jars.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(entries::add);
        }
        continue;
      }
      Path path = Path.of(entry).toAbsolutePath();
      if (!Files.exists(path)) {
        throw new IllegalArgumentException("class path entry '" + entry + "' does not exist");
      }
      entries.add(path);
    }
    return entries;
  }

  private static URL[] urls(List<Path> entries) throws MalformedURLException {
    URL[] urls = new URL[entries.size()];
    for (int i = 0; i < urls.length; i++) {
      urls[i] = entries.get(i).toUri().toURL();
    }
    return urls;
  }
}

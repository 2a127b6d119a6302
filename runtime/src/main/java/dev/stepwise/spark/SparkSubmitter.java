package dev.stepwise.spark;

import dev.stepwise.operator.StepLaunchException;
import dev.stepwise.operator.StepLog;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.launcher.SparkAppHandle;
import org.apache.spark.launcher.SparkLauncher;

/**
 * Starts a {@link SparkSubmission} with Spark's {@link SparkLauncher}: one child spark-submit, the
 * environment through the child's environment map (never argv), secret keys through that
 * environment too ({@link SecretSparkConf}), and both output streams piped to us so they can be
 * streamed live.
 */
public final class SparkSubmitter {
  private SparkSubmitter() {}

  public static SparkStepLaunch submit(SparkSubmission submission, Path sparkHome, Map<String, String> environment,
      StepLog log, Optional<Duration> timeout, Path scratchDir) throws StepLaunchException {
    return submit(submission, sparkHome, environment, log, timeout, scratchDir, (launch, outcome) -> {});
  }

  /** Starts the submission; {@code onEnd} runs once it has ended, before anyone waiting on it wakes. */
  public static SparkStepLaunch submit(SparkSubmission submission, Path sparkHome, Map<String, String> environment,
      StepLog log, Optional<Duration> timeout, Path scratchDir,
      java.util.function.BiConsumer<SparkStepLaunch, SparkOutcome> onEnd) throws StepLaunchException {
    return submit(submission, sparkHome, environment, log, timeout, scratchDir, onEnd, Optional.empty(),
        SparkStepOperatorConfig.DEFAULT_PENDING_TIMEOUT);
  }

  /**
   * As above, following the application on a standalone master's HTTP endpoints ({@code master}):
   * live cluster-mode driver logs, {@code pendingTimeout}, and a confirmed kill on cancel.
   */
  public static SparkStepLaunch submit(SparkSubmission submission, Path sparkHome, Map<String, String> environment,
      StepLog log, Optional<Duration> timeout, Path scratchDir,
      java.util.function.BiConsumer<SparkStepLaunch, SparkOutcome> onEnd, Optional<StandaloneMasterApi> master,
      Duration pendingTimeout) throws StepLaunchException {
    try {
      Map<String, String> childEnvironment = new HashMap<>(environment);
      // only readable by this user (/proc/<pid>/environ is 0400), never a file or argv
      childEnvironment.putAll(SecretSparkConf.environment(submission));
      if (!submission.driverClassPath().isEmpty()) {
        // Spark's launcher appends it to the driver's class path, after the home's jars
        childEnvironment.put("SPARK_DIST_CLASSPATH", String.join(java.io.File.pathSeparator, submission.driverClassPath()));
      }
      SparkLauncher launcher = new SparkLauncher(childEnvironment)
          .setSparkHome(sparkHome.toString())
          .setMaster(submission.master().url())
          .setDeployMode(submission.deployMode().id())
          .setAppName(submission.appName())
          .setMainClass(submission.mainClass())
          .setAppResource(submission.appResource())
          .redirectOutput(ProcessBuilder.Redirect.PIPE)
          .redirectError(ProcessBuilder.Redirect.PIPE);
      for (SparkConfEntry entry : submission.publicConf()) {
        launcher.setConf(entry.key(), entry.value());
      }
      for (String jar : submission.jars()) {
        launcher.addJar(jar);
      }
      launcher.addAppArgs(submission.appArgs().toArray(String[]::new));
      for (String warning : submission.warnings()) {
        log.line(StepLog.Stream.STDERR, "stepwise: warning: " + warning);
      }
      HandleObserver observer = new HandleObserver();
      SparkAppHandle handle = launcher.startApplication(observer);
      Process process = childProcess(handle);
      return new SparkStepLaunch(submission, process, handle, observer, sparkHome, Optional.empty(), log, timeout,
          onEnd, master, pendingTimeout);
    } catch (IOException | RuntimeException e) {
      throw new StepLaunchException("could not start spark-submit from " + sparkHome + " for '"
          + submission.appName() + "': " + e.getMessage(), e);
    }
  }

  /**
   * The spark-submit process behind Spark's handle. Spark does not expose it, but its exit code is
   * the only proof of success (a child can report FINISHED and exit non-zero), so we read the field.
   */
  static Process childProcess(SparkAppHandle handle) {
    try {
      Field field = handle.getClass().getDeclaredField("childProc");
      field.setAccessible(true);
      Process process = (Process) field.get(handle);
      if (process == null) {
        throw new IllegalStateException("Spark's handle has no child process");
      }
      return process;
    } catch (ReflectiveOperationException | RuntimeException e) {
      handle.kill();
      throw new IllegalStateException("cannot read the spark-submit process from Spark's launcher handle ("
          + e.getMessage() + "); this spark-launcher version is not supported by Stepwise", e);
    }
  }
}

package dev.stepwise.orchestrator;

import dev.stepwise.operator.EntrypointCommand;
import dev.stepwise.operator.StepLaunch;
import dev.stepwise.operator.StepLaunchException;
import dev.stepwise.operator.StepLog;
import dev.stepwise.operator.StepOperator;
import dev.stepwise.operator.StepRunInfo;
import dev.stepwise.support.ProcessTree;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;

/**
 * The reference {@link StepOperator}: runs the entrypoint command as a child JVM, streams its
 * stdout and stderr line by line to the step's log while it runs, and kills its whole process tree
 * on cancel.
 */
public final class LocalStepOperator implements StepOperator {
  private final String name;
  private final LocalStepOperatorConfig config;

  public LocalStepOperator(String name, LocalStepOperatorConfig config) {
    this.name = name;
    this.config = config;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public StepLaunch launch(StepRunInfo info, EntrypointCommand command) throws StepLaunchException {
    EntrypointCommand effective = command.withJvmOptions(config.jvmOptions());
    if (!config.javaHome().isEmpty()) {
      effective = effective.withJava(Path.of(config.javaHome(), "bin", "java"));
    }
    ProcessBuilder builder = new ProcessBuilder(effective.toArgv());
    builder.environment().putAll(effective.environment());
    // no orphan JVM even if this process is killed with SIGKILL
    builder.environment().put(dev.stepwise.step.StepEntrypoint.EXIT_WITH_PARENT, "1");
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new StepLaunchException("could not start the JVM for step '" + info.invocationId()
          + "' with " + effective.javaExecutable() + ": " + e.getMessage()
          + "; check the step operator's java_home", e);
    }
    Thread out = pump(process.getInputStream(), StepLog.Stream.STDOUT, info);
    Thread err = pump(process.getErrorStream(), StepLog.Stream.STDERR, info);
    return new ChildJvm(process, List.of(out, err));
  }

  private static Thread pump(InputStream stream, StepLog.Stream which, StepRunInfo info) {
    Thread thread = new Thread(() -> {
      try (BufferedReader reader =
          new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          info.log().line(which, line);
        }
      } catch (IOException | UncheckedIOException e) {
        // the process went away mid-line (killed); nothing more to read
      }
    }, "stepwise-log-" + info.invocationId() + "-" + which.name().toLowerCase());
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  /** A running child JVM and the threads copying its output. */
  private record ChildJvm(Process process, List<Thread> pumps) implements StepLaunch {

    @Override
    public int await() throws InterruptedException {
      int code = process.waitFor();
      for (Thread pump : pumps) {
        pump.join();
      }
      return code;
    }

    @Override
    public OptionalInt exitCode() {
      return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
    }

    @Override
    public void cancel(Duration grace) throws StepLaunchException {
      List<ProcessHandle> survivors = new ProcessTree(process.toHandle()).stop(grace);
      if (!survivors.isEmpty()) {
        throw new StepLaunchException("could not stop the step's processes "
            + survivors.stream().map(ProcessHandle::pid).toList() + "; kill them by hand");
      }
    }
  }
}

package dev.stepwise.cli;

import dev.stepwise.orchestrator.RunRecord;
import dev.stepwise.orchestrator.RunState;
import dev.stepwise.orchestrator.RunStore;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code stepwise run cancel RUN_ID}: leaves a cancel marker next to the run's record; the process
 * running the pipeline sees it within a fraction of a second and stops the run's steps. A run whose
 * process is gone was already closed as failed by reading it, so it is reported as ended.
 */
@Command(name = "cancel", description = "Cancel a running pipeline run (its steps and their processes are stopped).",
    mixinStandardHelpOptions = true)
final class RunCancelCommand extends RunCommand.StoreCommand {
  @Parameters(paramLabel = "RUN_ID", description = "The run, as shown by 'stepwise run list'.")
  String runId;

  @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "30",
      description = "How long to wait for the run to end (default: ${DEFAULT-VALUE}; 0: do not wait).")
  int waitSeconds;

  @Override
  int run() throws IOException, InterruptedException {
    RunStore runs = runStore();
    runs.requestCancel(runId);
    out().println("Cancel requested for run " + runId + ".");
    Instant deadline = Instant.now().plus(Duration.ofSeconds(waitSeconds));
    do {
      RunRecord run = runs.describe(runId).orElseThrow();
      if (run.state().isFinal()) {
        out().println("Run " + runId + " is " + run.state() + ".");
        if (run.state() == RunState.FAILED && run.error().orElse("").startsWith("cancel could not be confirmed")) {
          err().println("Error: " + run.error().get());
          return ExitCodes.USER_ERROR;
        }
        return ExitCodes.OK;
      }
      Thread.sleep(200);
    } while (Instant.now().isBefore(deadline));
    if (waitSeconds > 0) {
      err().println("Error: run " + runId + " has not ended after " + waitSeconds + "s; is the process"
          + " that runs it still alive? See 'stepwise run describe " + runId
          + stack.hint(environment()) + "'.");
      return ExitCodes.USER_ERROR;
    }
    return ExitCodes.OK;
  }
}

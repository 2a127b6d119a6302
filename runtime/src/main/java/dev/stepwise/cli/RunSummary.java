package dev.stepwise.cli;

import dev.stepwise.orchestrator.RunRecord;
import dev.stepwise.orchestrator.RunState;
import dev.stepwise.orchestrator.StepRecord;
import dev.stepwise.pipeline.PipelineRun;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * How {@code pipeline run} and {@code run resume} wait for a run they started and say how it ended:
 * each step's state, where to look, and the exit code that goes with it, also after Ctrl-C.
 */
final class RunSummary {
  private static final Duration SUMMARY_WAIT = Duration.ofSeconds(20);

  private RunSummary() {}

  /** Waits for {@code run} to end and prints its summary; the command's exit code. */
  static int awaitAndSummarize(PipelineRun run, PrintWriter out, PrintWriter err, String stackHint)
      throws InterruptedException {
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
    if (record.state() != RunState.COMPLETED && run.recordProblem().isEmpty()) {
      out.println("Resume:  stepwise run resume " + record.runId() + stackHint
          + " (runs the steps that did not complete)");
    }
    out.flush();
    if (run.recordProblem().isPresent()) {
      err.println("Error: " + run.recordProblem().get() + ". This summary is the only record of how it ended.");
      err.flush();
      return ExitCodes.RECORD_PROBLEM;
    }
    return record.state() == RunState.COMPLETED ? ExitCodes.OK : ExitCodes.RUN_FAILED;
  }
}

package dev.stepwise.cli;

import dev.stepwise.orchestrator.RunRecord;
import dev.stepwise.orchestrator.RunState;
import dev.stepwise.orchestrator.RunStore;
import dev.stepwise.orchestrator.StepAttempt;
import dev.stepwise.orchestrator.StepRecord;
import dev.stepwise.support.JsonCodec;
import dev.stepwise.support.StepwiseException;
import java.io.IOException;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stepwise run describe RUN_ID}. */
@Command(name = "describe", description = "Show a run and the state of each of its steps.",
    mixinStandardHelpOptions = true)
final class RunDescribeCommand extends RunCommand.StoreCommand {
  @Parameters(paramLabel = "RUN_ID", description = "The run, as shown by 'stepwise run list'.")
  String runId;

  @Option(names = "--json", description = "Print the run record as stored (JSON).")
  boolean json;

  @Override
  int run() throws IOException {
    RunStore.Read read = runStore().read(runId).orElseThrow(() -> new StepwiseException(
        "no run '" + runId + "'; see 'stepwise run list'"));
    RunRecord run = read.record();
    read.notWrittenBack().ifPresent(problem -> err().println("Error: this run's process is gone and its record"
        + " was closed as shown, but " + problem + "; the stored record is stale"));
    int code = read.notWrittenBack().isPresent() ? ExitCodes.RECORD_PROBLEM : ExitCodes.OK;
    if (json) {
      out().println(JsonCodec.mapper().writeValueAsString(run));
      return code;
    }
    out().println("Run:      " + run.runId());
    out().println("Pipeline: " + run.pipeline());
    out().println("Stack:    " + run.stack());
    out().println("State:    " + run.state());
    run.liveness().ifPresent(live -> out().println("Process:  " + switch (live.state()) {
      case ALIVE -> live.explanation();
      case GONE -> live.explanation();
      case UNKNOWN -> "unknown: " + live.explanation() + "; run this command where it runs to be sure";
    }));
    out().println("Started:  " + RunListCommand.TIME.format(run.startedAt()) + " UTC");
    run.endedAt().ifPresent(end -> out().println("Ended:    " + RunListCommand.TIME.format(end)
        + " UTC (" + RunListCommand.duration(run.startedAt(), end) + ")"));
    run.error().ifPresent(error -> out().println("Error:    " + error));
    out().println();
    Table table = new Table("STEP", "STATE", "STEP_OPERATOR", "EXIT", "DURATION", "ERROR");
    for (StepRecord step : run.steps()) {
      String duration = step.startedAt()
          .map(start -> RunListCommand.duration(start, step.endedAt().orElse(Instant.now())))
          .orElse("-");
      table.row(step.invocationId(), step.state().name(), step.stepOperator().orElse("(in process)"),
          step.exitCode().map(String::valueOf).orElse("-"), duration,
          step.detached().map(what -> "still running without its orchestrator: " + what)
              .orElse(step.error().map(e -> e.summary().lines().findFirst().orElse("")).orElse("")));
    }
    table.print(out());
    out().println();
    for (StepRecord step : run.steps()) {
      step.output().ifPresent(uri -> out().println("Output of " + step.invocationId() + ": " + uri));
    }
    if (run.steps().stream().anyMatch(s -> s.cache().isPresent())) {
      out().println();
      out().println("Cache:");
      for (StepRecord step : run.steps()) {
        step.cache().ifPresent(verdict -> out().println("  " + step.invocationId() + ": " + verdict.reason()));
      }
    }
    for (StepRecord step : run.steps()) {
      if (step.retries() > 0 || step.attempts().size() > 1) {
        out().println();
        out().println("Attempts of " + step.invocationId() + " (@Step(retries = " + step.retries() + ")):");
        for (StepAttempt attempt : step.attempts()) {
          out().println("  " + attempt.number() + ". " + RunListCommand.TIME.format(attempt.startedAt()) + " UTC"
              + attempt.endedAt().map(end -> " (" + RunListCommand.duration(attempt.startedAt(), end) + ")").orElse("")
              + "  exit " + attempt.exitCode().map(String::valueOf).orElse("-")
              + "  " + attempt.reason().orElse("succeeded")
              + attempt.verdict().map(v -> " — " + v).orElse(""));
        }
      }
    }
    for (StepRecord step : run.steps()) {
      if (!step.logTail().isEmpty()) {
        out().println();
        out().println("Last " + step.logTail().size() + " lines of " + step.invocationId() + "'s log:");
        step.logTail().forEach(line -> out().println("  " + line));
      }
    }
    out().println("Logs: stepwise run logs " + run.runId() + stack.hint(environment()) + " [--step NAME] [--follow]");
    if (run.state() == RunState.INTERRUPTED || run.state() == RunState.FAILED || run.state() == RunState.CANCELLED) {
      out().println("Resume: stepwise run resume " + run.runId() + stack.hint(environment())
          + (run.state() == RunState.INTERRUPTED ? " (follows the steps still running, then runs the rest)"
              : " (runs the steps that did not complete)"));
    }
    return code;
  }
}

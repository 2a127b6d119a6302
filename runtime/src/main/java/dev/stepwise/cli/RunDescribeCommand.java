package dev.stepwise.cli;

import dev.stepwise.artifact.JsonCodec;
import dev.stepwise.orchestrator.RunRecord;
import dev.stepwise.orchestrator.StepRecord;
import java.io.IOException;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stepwise run describe RUN_ID}. */
@Command(name = "describe", description = "Show a run and the state of each of its steps.",
    mixinStandardHelpOptions = true)
public final class RunDescribeCommand extends RunCommand.StoreCommand {
  @Parameters(paramLabel = "RUN_ID", description = "The run, as shown by 'stepwise run list'.")
  String runId;

  @Option(names = "--json", description = "Print the run record as stored (JSON).")
  boolean json;

  public RunDescribeCommand() {
    this(RunCommand.StackLookup.REGISTERED);
  }

  RunDescribeCommand(RunCommand.StackLookup stacks) {
    super(stacks);
  }

  @Override
  int execute() throws IOException {
    RunRecord run = runStore().describe(runId).orElseThrow(() -> new IllegalArgumentException(
        "no run '" + runId + "'; see 'stepwise run list'"));
    if (json) {
      out().println(JsonCodec.mapper().writeValueAsString(run));
      return 0;
    }
    out().println("Run:      " + run.runId());
    out().println("Pipeline: " + run.pipeline());
    out().println("Stack:    " + run.stack());
    out().println("State:    " + run.state() + (run.orphaned()
        ? " (but the process running it is gone; 'stepwise run cancel " + run.runId() + "' records its end)" : ""));
    out().println("Started:  " + RunListCommand.TIME.format(run.startedAt()) + " UTC");
    run.endedAt().ifPresent(end -> out().println("Ended:    " + RunListCommand.TIME.format(end)
        + " UTC (" + RunListCommand.duration(run.startedAt(), end) + ")"));
    run.error().ifPresent(error -> out().println("Error:    " + error));
    out().println();
    String format = "%-24s %-10s %-18s %-5s %-9s %s%n";
    out().printf(format, "STEP", "STATE", "OPERATOR", "EXIT", "DURATION", "ERROR");
    for (StepRecord step : run.steps()) {
      String duration = step.startedAt()
          .map(start -> RunListCommand.duration(start, step.endedAt().orElse(Instant.now())))
          .orElse("-");
      out().printf(format, step.invocationId(), step.state(), step.stepOperator().orElse("(in-process)"),
          step.exitCode().map(String::valueOf).orElse("-"), duration,
          step.error().map(e -> e.summary().lines().findFirst().orElse("")).orElse(""));
    }
    out().println();
    for (StepRecord step : run.steps()) {
      step.output().ifPresent(uri -> out().println("output " + step.invocationId() + ": " + uri));
    }
    out().println("Logs: stepwise run logs " + run.runId() + " [--step NAME] [--follow]");
    return 0;
  }
}

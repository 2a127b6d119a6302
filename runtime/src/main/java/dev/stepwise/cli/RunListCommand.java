package dev.stepwise.cli;

import dev.stepwise.orchestrator.Liveness;
import dev.stepwise.orchestrator.RunRecord;
import dev.stepwise.orchestrator.RunState;
import dev.stepwise.orchestrator.RunStore;
import dev.stepwise.orchestrator.StepRecord;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code stepwise run list}. */
@Command(name = "list", description = "List recorded runs, newest first.", mixinStandardHelpOptions = true)
final class RunListCommand extends RunCommand.StoreCommand {
  static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  @Override
  int run() throws IOException {
    RunStore.Listing listing = runStore().listing();
    List<RunRecord> runs = listing.runs();
    if (runs.isEmpty() && listing.unreadable().isEmpty()) {
      out().println("No runs recorded yet. Run a pipeline with 'stepwise pipeline run <class>'.");
      return ExitCodes.OK;
    }
    Table table = new Table("RUN_ID", "PIPELINE", "STACK", "STATE", "STARTED (UTC)", "DURATION");
    for (RunRecord run : runs) {
      table.row(run.runId(), run.pipeline(), run.stack(),
          state(run), TIME.format(run.startedAt()),
          duration(run.startedAt(), run.endedAt().orElse(Instant.now())));
    }
    if (!runs.isEmpty()) {
      table.print(out());
    }
    for (RunRecord run : runs) {
      if (run.state() == RunState.INTERRUPTED) {
        out().println("Run " + run.runId() + " lost its orchestrator while "
            + run.steps().stream().filter(s -> s.detached().isPresent()).map(StepRecord::invocationId).toList()
            + " still ran on the cluster; follow it with 'stepwise run resume " + run.runId() + "'.");
      }
    }
    for (RunStore.Unreadable bad : listing.unreadable()) {
      err().println("Error: run " + bad.runId() + " is not listed: " + bad.problem());
    }
    for (String problem : listing.notWrittenBack()) {
      err().println("Error: " + problem + "; the stored record is stale");
    }
    return listing.unreadable().isEmpty() && listing.notWrittenBack().isEmpty()
        ? ExitCodes.OK : ExitCodes.RECORD_PROBLEM;
  }

  /** RUNNING alone would claim more than is known when the process running it cannot be seen. */
  static String state(RunRecord run) {
    return run.liveness().filter(l -> l.state() == Liveness.State.UNKNOWN)
        .map(l -> run.state().name() + " (unknown)").orElse(run.state().name());
  }

  static String duration(Instant start, Instant end) {
    Duration d = Duration.between(start, end);
    return d.toMinutes() > 0 ? d.toMinutes() + "m" + d.toSecondsPart() + "s"
        : String.format("%.1fs", d.toMillis() / 1000.0);
  }
}

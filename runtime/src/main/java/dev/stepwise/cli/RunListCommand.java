package dev.stepwise.cli;

import dev.stepwise.orchestrator.RunRecord;
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
    List<RunRecord> runs = runStore().list();
    if (runs.isEmpty()) {
      out().println("No runs recorded yet. Run a pipeline with 'stepwise pipeline run <class>'.");
      return ExitCodes.OK;
    }
    Table table = new Table("RUN_ID", "PIPELINE", "STACK", "STATE", "STARTED (UTC)", "DURATION");
    for (RunRecord run : runs) {
      table.row(run.runId(), run.pipeline(), run.stack(),
          run.state().name(), TIME.format(run.startedAt()),
          duration(run.startedAt(), run.endedAt().orElse(Instant.now())));
    }
    table.print(out());
    return ExitCodes.OK;
  }

  static String duration(Instant start, Instant end) {
    Duration d = Duration.between(start, end);
    return d.toMinutes() > 0 ? d.toMinutes() + "m" + d.toSecondsPart() + "s"
        : String.format("%.1fs", d.toMillis() / 1000.0);
  }
}

package dev.stepwise.cli;

import dev.stepwise.orchestrator.RunRecord;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code stepwise run list}. */
@Command(name = "list", description = "List recorded runs, newest first.", mixinStandardHelpOptions = true)
public final class RunListCommand extends RunCommand.StoreCommand {
  static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  public RunListCommand() {
    this(RunCommand.StackLookup.REGISTERED);
  }

  RunListCommand(RunCommand.StackLookup stacks) {
    super(stacks);
  }

  @Override
  int execute() throws java.io.IOException {
    List<RunRecord> runs = runStore().list();
    if (runs.isEmpty()) {
      out().println("No runs recorded yet. Run a pipeline with 'stepwise pipeline run <class>'.");
      return 0;
    }
    String format = "%-44s %-20s %-14s %-10s %-20s %s%n";
    out().printf(format, "RUN ID", "PIPELINE", "STACK", "STATE", "STARTED (UTC)", "DURATION");
    for (RunRecord run : runs) {
      out().printf(format, run.runId(), run.pipeline(), run.stack(),
          run.orphaned() ? "ORPHANED" : run.state(),
          TIME.format(run.startedAt()), duration(run.startedAt(), run.endedAt().orElse(Instant.now())));
    }
    return 0;
  }

  static String duration(Instant start, Instant end) {
    Duration d = Duration.between(start, end);
    return d.toMinutes() > 0 ? d.toMinutes() + "m" + d.toSecondsPart() + "s"
        : String.format("%.1fs", d.toMillis() / 1000.0);
  }
}

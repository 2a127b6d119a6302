package dev.stepwise.cli;

import java.io.IOException;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stepwise run logs RUN_ID [--step NAME] [--follow]}. */
@Command(name = "logs", description = "Print the stdout/stderr of a run's steps.",
    mixinStandardHelpOptions = true)
final class RunLogsCommand extends RunCommand.StoreCommand {
  @Parameters(paramLabel = "RUN_ID", description = "The run, as shown by 'stepwise run list'.")
  String runId;

  @Option(names = "--step", paramLabel = "NAME",
      description = "Only this step (its invocation id, e.g. countWords or countWords_2).")
  String step;

  @Option(names = {"-f", "--follow"}, description = "Keep printing as the logs grow, until the run ends.")
  boolean follow;

  @Override
  int run() throws IOException, InterruptedException {
    if (follow) {
      runStore().follow(runId, Optional.ofNullable(step), text -> {
        out().print(text);
        out().flush();
      });
    } else {
      out().print(runStore().logs(runId, Optional.ofNullable(step)));
    }
    out().flush();
    return ExitCodes.OK;
  }
}

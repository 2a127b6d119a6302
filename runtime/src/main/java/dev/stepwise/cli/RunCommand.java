package dev.stepwise.cli;

import dev.stepwise.artifact.ArtifactStore;
import dev.stepwise.flavor.ComponentType;
import dev.stepwise.orchestrator.RunStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code stepwise run ...}: the runs recorded in a stack's artifact store. */
@Command(
    name = "run",
    description = "List, describe, follow, cancel and resume pipeline runs recorded in the stack's artifact store.",
    mixinStandardHelpOptions = true,
    subcommands = {
      RunListCommand.class,
      RunDescribeCommand.class,
      RunLogsCommand.class,
      RunCancelCommand.class,
      RunResumeCommand.class
    })
public final class RunCommand extends CommandGroup {

  /** Shared by the run subcommands: the {@code --stack} option and the run store. */
  abstract static class StoreCommand extends CliCommand {
    @Mixin
    StackOption stack = new StackOption();

    RunStore runStore() {
      ArtifactStore store = stack.resolve(environment()).require(ComponentType.ARTIFACT_STORE, ArtifactStore.class);
      store.verifyAccess(); // an unusable store says which secret, bucket or endpoint to fix
      return new RunStore(store);
    }

    @Override
    protected final int execute() {
      try {
        return run();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return ExitCodes.USER_ERROR;
      }
    }

    abstract int run() throws IOException, InterruptedException;
  }
}

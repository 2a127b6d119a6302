package dev.stepwise.cli;

import dev.stepwise.artifact.ArtifactStore;
import dev.stepwise.flavor.ComponentType;
import dev.stepwise.orchestrator.RunStore;
import dev.stepwise.secret.SecretConfigValues;
import dev.stepwise.stack.ResolvedStack;
import dev.stepwise.stack.Stacks;
import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code stepwise run ...}: the runs recorded in a stack's artifact store. */
@Command(
    name = "run",
    description = "List, describe, follow and cancel pipeline runs recorded in the stack's artifact store.",
    mixinStandardHelpOptions = true,
    subcommands = {
      RunListCommand.class,
      RunDescribeCommand.class,
      RunLogsCommand.class,
      RunCancelCommand.class
    })
public final class RunCommand extends CommandGroup {

  /** Shared by the run subcommands: the {@code --stack} option, the run store, and error printing. */
  abstract static class StoreCommand extends CliCommand {
    @Option(names = "--stack", paramLabel = "NAME",
        description = "Read runs from this stack's artifact store (default: the active stack).")
    String stack;

    RunStore runStore() {
      SecretConfigValues secrets = SecretConfigValues.of(environment());
      ResolvedStack resolved = stack == null
          ? Stacks.active(environment(), secrets)
          : Stacks.named(stack, environment(), secrets);
      ArtifactStore store = resolved.require(ComponentType.ARTIFACT_STORE, ArtifactStore.class);
      store.verifyAccess(); // an unusable store says which secret, bucket or endpoint to fix
      return new RunStore(store);
    }

    @Override
    protected final int execute() {
      try {
        return run();
      } catch (IllegalArgumentException | IllegalStateException | IOException e) {
        err().println("Error: " + e.getMessage());
        return ExitCodes.USER_ERROR;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return ExitCodes.USER_ERROR;
      }
    }

    abstract int run() throws IOException, InterruptedException;
  }
}

package dev.stepwise.cli;

import dev.stepwise.artifact.ArtifactStore;
import dev.stepwise.orchestrator.RunStore;
import dev.stepwise.stack.ComponentType;
import dev.stepwise.stack.ResolvedStack;
import dev.stepwise.stack.StackException;
import dev.stepwise.stack.Stacks;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

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
public final class RunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return 2;
  }

  /** How run commands find a stack; replaced in tests with a stack built in the test. */
  @FunctionalInterface
  public interface StackLookup {
    ResolvedStack resolve(Optional<String> name);

    StackLookup REGISTERED = name -> name.map(Stacks::named).orElseGet(Stacks::active);
  }

  /** Shared by the run subcommands: the {@code --stack} option, the run store, and error printing. */
  abstract static class StoreCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--stack", paramLabel = "NAME",
        description = "Read runs from this stack's artifact store (default: the active stack).")
    String stack;

    final StackLookup stacks;

    StoreCommand(StackLookup stacks) {
      this.stacks = stacks;
    }

    RunStore runStore() {
      ResolvedStack resolved = stacks.resolve(Optional.ofNullable(stack));
      return new RunStore(resolved.require(ComponentType.ARTIFACT_STORE, ArtifactStore.class));
    }

    PrintWriter out() {
      return spec.commandLine().getOut();
    }

    @Override
    public final Integer call() {
      try {
        return execute();
      } catch (IllegalArgumentException | IllegalStateException | StackException | IOException e) {
        spec.commandLine().getErr().println("error: " + e.getMessage());
        return 1;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return 130;
      }
    }

    abstract int execute() throws IOException, InterruptedException;
  }
}

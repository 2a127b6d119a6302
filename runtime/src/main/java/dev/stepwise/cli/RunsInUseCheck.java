package dev.stepwise.cli;

import dev.stepwise.artifact.ArtifactStore;
import dev.stepwise.flavor.ComponentType;
import dev.stepwise.flavor.FlavorRegistry;
import dev.stepwise.orchestrator.RunRecord;
import dev.stepwise.orchestrator.RunsInUse;
import dev.stepwise.secret.SecretConfigValues;
import dev.stepwise.stack.StackException;
import dev.stepwise.stack.Stacks;
import dev.stepwise.stack.StepwiseEnvironment;
import dev.stepwise.support.StepwiseException;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Before a stack or artifact store is deleted: refuse while a run that uses it may still be going,
 * since afterwards {@code stepwise run ...} could no longer reach that run's record.
 */
final class RunsInUseCheck {
  private RunsInUseCheck() {}

  static void refuseStackInUse(String stack, StepwiseEnvironment environment, PrintWriter err) {
    refuse("stack '" + stack + "'", "--stack " + stack, err,
        () -> Stacks.named(stack, environment, SecretConfigValues.of(environment))
            .require(ComponentType.ARTIFACT_STORE, ArtifactStore.class),
        run -> run.stack().equals(stack));
  }

  static void refuseStoreInUse(String store, StepwiseEnvironment environment, FlavorRegistry flavors, PrintWriter err) {
    refuse("artifact store '" + store + "'", "--stack <a stack whose artifact store is " + store + ">", err,
        () -> (ArtifactStore) Stacks.component(ComponentType.ARTIFACT_STORE, store, environment, flavors,
            SecretConfigValues.of(environment)),
        run -> true);
  }

  private static void refuse(String what, String stackOption, PrintWriter err, Supplier<ArtifactStore> store,
      Predicate<RunRecord> uses) {
    List<RunRecord> live;
    try {
      live = RunsInUse.in(store.get(), uses);
    } catch (StepwiseException e) {
      return; // no such stack, or one that cannot be built: the delete itself says what is wrong, or proceeds
    } catch (IOException | RuntimeException e) {
      // a store that cannot be opened holds no run anyone can reach; a broken stack must stay deletable
      err.println("Warning: could not check whether a run still uses " + what + ": " + e.getMessage());
      return;
    }
    if (!live.isEmpty()) {
      String first = live.get(0).runId();
      throw new StackException("The " + what + " is used by " + (live.size() == 1 ? "a run" : live.size() + " runs")
          + " that may still be going: " + RunsInUse.describe(live) + ". Deleting it now would leave "
          + (live.size() == 1 ? "that run" : "them") + " out of reach of 'stepwise run'. Wait for "
          + (live.size() == 1 ? "it" : "them") + " to end (`stepwise run logs " + first + " " + stackOption
          + " --follow`) or cancel (`stepwise run cancel " + first + " " + stackOption + "`), then delete again.");
    }
  }
}

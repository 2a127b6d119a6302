package dev.stepwise.cli;

import dev.stepwise.secret.SecretConfigValues;
import dev.stepwise.stack.ActiveStackResolution;
import dev.stepwise.stack.ResolvedStack;
import dev.stepwise.stack.StackStore;
import dev.stepwise.stack.Stacks;
import dev.stepwise.stack.StepwiseEnvironment;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The {@code --stack NAME} option of every command that uses a stack; without it, the active stack. */
final class StackOption {
  @Option(names = "--stack", paramLabel = "NAME", description = "Use this stack instead of the active one.")
  String name;

  Optional<String> name() {
    return Optional.ofNullable(name);
  }

  /** The stack, with its components created for use (secret references resolved now, never stored). */
  ResolvedStack resolve(StepwiseEnvironment environment) {
    return Stacks.forUse(name(), environment, SecretConfigValues.of(environment));
  }

  /**
   * What a printed hint ({@code stepwise run describe ID}) must carry to reach stack {@code used}:
   * {@code " --stack NAME"} when it is not the active one (a bare hint would look in the active
   * stack's store and find no run), else nothing.
   */
  static String hintFor(String used, StepwiseEnvironment environment) {
    String active;
    try {
      active = ActiveStackResolution.resolve(environment, StackStore.of(environment).read()).name();
    } catch (RuntimeException unreadable) {
      active = null; // then the hint cannot rely on the active stack at all
    }
    return used.equals(active) ? "" : " --stack " + used;
  }

  /** {@link #hintFor} for the stack this option chose. */
  String hint(StepwiseEnvironment environment) {
    return name == null ? "" : hintFor(name, environment);
  }
}

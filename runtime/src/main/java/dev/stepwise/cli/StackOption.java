package dev.stepwise.cli;

import dev.stepwise.secret.SecretConfigValues;
import dev.stepwise.stack.ResolvedStack;
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
}

package dev.stepwise.cli;

import dev.stepwise.secret.Secret;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code stepwise secret describe NAME}: keys with values shown as {@code ***}. */
@Command(name = "describe", description = "Show a secret's keys (values are masked).", mixinStandardHelpOptions = true)
final class SecretDescribeCommand implements Callable<Integer> {
  @ParentCommand SecretCommand parent;

  @Parameters(index = "0", paramLabel = "NAME", description = "The secret's name.")
  String name;

  @Override
  public Integer call() {
    return SecretCommandRun.run(parent, () -> {
      Secret secret = parent.store().get(name);
      parent.out().println("Secret '" + secret.name() + "':");
      secret.masked().forEach((key, mask) -> parent.out().println("  " + key + ": " + mask));
    });
  }
}

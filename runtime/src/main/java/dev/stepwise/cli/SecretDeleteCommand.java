package dev.stepwise.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code stepwise secret delete NAME}. */
@Command(name = "delete", description = "Delete a secret.", mixinStandardHelpOptions = true)
final class SecretDeleteCommand implements Callable<Integer> {
  @ParentCommand SecretCommand parent;

  @Parameters(index = "0", paramLabel = "NAME", description = "The secret's name.")
  String name;

  @Override
  public Integer call() {
    return SecretCommandRun.run(parent, () -> {
      parent.store().delete(name);
      parent.out().println("Deleted secret '" + name + "'.");
    });
  }
}

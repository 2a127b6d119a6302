package dev.stepwise.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code stepwise secret list}: names only. */
@Command(name = "list", description = "List secret names.", mixinStandardHelpOptions = true)
final class SecretListCommand implements Callable<Integer> {
  @ParentCommand SecretCommand parent;

  @Override
  public Integer call() {
    return SecretCommandRun.run(parent, () -> {
      var names = parent.store().list();
      if (names.isEmpty()) {
        parent.out().println("No secrets. Create one with: stepwise secret create NAME --key=-");
      }
      names.forEach(parent.out()::println);
    });
  }
}

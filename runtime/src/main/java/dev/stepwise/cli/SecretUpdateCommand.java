package dev.stepwise.cli;

import dev.stepwise.secret.SecretException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Unmatched;

/** {@code stepwise secret update NAME --key=value ...}: sets the given keys, keeps the others. */
@Command(
    name = "update",
    description = "Set keys of a secret, keeping the others. Use --key=- to read a value from stdin.",
    mixinStandardHelpOptions = true)
final class SecretUpdateCommand implements Callable<Integer> {
  @ParentCommand SecretCommand parent;

  @Parameters(index = "0", paramLabel = "NAME", description = "The secret's name.")
  String name;

  @Unmatched List<String> values = new ArrayList<>();

  @Override
  public Integer call() {
    return SecretCommandRun.run(parent, () -> {
      Map<String, String> parsed = SecretValueArguments.parse(values, parent.stdin());
      if (parsed.isEmpty()) {
        throw new SecretException("nothing to update: stepwise secret update " + name + " --key=value"
            + " (or --key=- to read it from stdin)");
      }
      parent.store().update(name, parsed);
      parent.out().println("Updated keys " + String.join(", ", parsed.keySet()) + " of secret '" + name + "'.");
    });
  }
}

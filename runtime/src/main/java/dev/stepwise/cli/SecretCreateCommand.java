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

/** {@code stepwise secret create NAME --key=value ...}. */
@Command(
    name = "create",
    description = "Create a secret. Values given as --key=VALUE land in shell history; prefer --key=- to"
        + " read a value from stdin (one key: all of stdin; several: one line each, in order).",
    mixinStandardHelpOptions = true)
final class SecretCreateCommand implements Callable<Integer> {
  @ParentCommand SecretCommand parent;

  @Parameters(index = "0", paramLabel = "NAME", description = "The secret's name.")
  String name;

  @Unmatched List<String> values = new ArrayList<>();

  @Override
  public Integer call() {
    return SecretCommandRun.run(parent, () -> {
      Map<String, String> parsed = SecretValueArguments.parse(values, parent.stdin());
      if (parsed.isEmpty()) {
        throw new SecretException("give at least one value: stepwise secret create " + name
            + " --key=value (or --key=- to read it from stdin)");
      }
      parent.store().create(name, parsed);
      parent.out().println("Created secret '" + name + "' with keys " + String.join(", ", parsed.keySet()) + ".");
    });
  }
}

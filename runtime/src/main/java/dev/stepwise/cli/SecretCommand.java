package dev.stepwise.cli;

import dev.stepwise.secret.SecretStore;
import dev.stepwise.stack.StepwiseEnvironment;
import java.io.InputStream;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * {@code stepwise secret}: the group of secret verbs. Under the {@code stepwise} root it uses the
 * root's environment (config dir); on its own, the one it was made with.
 */
@Command(
    name = "secret",
    description = "Manage secrets that component configs refer to as {{NAME.key}}.",
    mixinStandardHelpOptions = true,
    subcommands = {
      SecretCreateCommand.class,
      SecretListCommand.class,
      SecretDescribeCommand.class,
      SecretUpdateCommand.class,
      SecretDeleteCommand.class
    })
public final class SecretCommand extends CommandGroup {
  private final StepwiseEnvironment standalone;
  private final InputStream stdin;

  public SecretCommand() {
    this(StepwiseEnvironment.current(), System.in);
  }

  /** For tests and embedding: the environment that locates the config dir, and the stdin for {@code --key=-}. */
  public SecretCommand(StepwiseEnvironment environment, InputStream stdin) {
    this.standalone = environment;
    this.stdin = stdin;
  }

  StepwiseEnvironment environment() {
    return spec.root().userObject() instanceof StepwiseCommand root ? root.environment() : standalone;
  }

  SecretStore store() {
    return new SecretStore(environment().configDirectory());
  }

  InputStream stdin() {
    return stdin;
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  /** Runs the group on its own (for when it is not registered under the {@code stepwise} root). */
  public static void main(String[] args) {
    System.exit(new CommandLine(new SecretCommand()).execute(args));
  }
}

package dev.stepwise.cli;

import dev.stepwise.secret.SecretStore;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code stepwise secret}: the group of secret verbs. */
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
public final class SecretCommand implements Callable<Integer> {
  private final Map<String, String> environment;
  private final InputStream stdin;

  @Spec CommandSpec spec;

  public SecretCommand() {
    this(System.getenv(), System.in);
  }

  /** For tests and embedding: the environment that locates the config dir, and the stdin for {@code --key=-}. */
  public SecretCommand(Map<String, String> environment, InputStream stdin) {
    this.environment = Map.copyOf(environment);
    this.stdin = stdin;
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 0;
  }

  SecretStore store() {
    return new SecretStore(configDir(environment));
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

  /** {@code ${STEPWISE_CONFIG_DIR:-${XDG_CONFIG_HOME:-~/.config}/stepwise}}. */
  static Path configDir(Map<String, String> env) {
    String explicit = env.get("STEPWISE_CONFIG_DIR");
    if (explicit != null && !explicit.isBlank()) {
      return Path.of(explicit);
    }
    String xdg = env.get("XDG_CONFIG_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
    return base.resolve("stepwise");
  }

  /** Runs the group on its own (until it is registered under the {@code stepwise} root command). */
  public static void main(String[] args) {
    System.exit(new CommandLine(new SecretCommand()).execute(args));
  }
}

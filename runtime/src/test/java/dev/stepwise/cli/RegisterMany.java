package dev.stepwise.cli;

import dev.stepwise.stack.StepwiseEnvironment;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * A child process for {@link ConcurrentRegistrationTest}: registers {@code count} artifact stores
 * through the CLI, one `stepwise artifact-store register` command line after another.
 */
public final class RegisterMany {
  private RegisterMany() {}

  public static void main(String[] args) {
    String prefix = args[0];
    int count = Integer.parseInt(args[1]);
    StepwiseEnvironment environment = StepwiseEnvironment.current();
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    for (int i = 0; i < count; i++) {
      int code = Main.run(environment, out, err, "artifact-store", "register", prefix + "_" + i,
          "--flavor=local", "--path=" + Path.of(System.getProperty("java.io.tmpdir"), prefix, "" + i));
      if (code != 0) {
        System.exit(code);
      }
    }
  }
}

package dev.stepwise.cli;

import dev.stepwise.stack.StepwiseEnvironment;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine;

/** Runs `stepwise` in-process against a temporary config dir, capturing stdout and stderr. */
final class CliHarness {
  final Path configDir;
  final Path workingDir;
  private final Map<String, String> variables = new HashMap<>();

  record Result(int exitCode, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
    }
  }

  CliHarness(Path root) {
    this.configDir = root.resolve("config");
    this.workingDir = root.resolve("project");
    variables.put(StepwiseEnvironment.CONFIG_DIR_VARIABLE, configDir.toString());
    workingDir.toFile().mkdirs();
  }

  CliHarness env(String name, String value) {
    variables.put(name, value);
    return this;
  }

  StepwiseEnvironment environment() {
    return new StepwiseEnvironment(variables, workingDir, workingDir.getParent());
  }

  Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = Main.commandLine(environment());
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int code = commandLine.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  /** Runs a command that must succeed. */
  Result ok(String... args) {
    Result result = run(args);
    if (result.exitCode() != 0) {
      throw new AssertionError("`stepwise " + String.join(" ", args) + "` failed: " + result);
    }
    return result;
  }
}

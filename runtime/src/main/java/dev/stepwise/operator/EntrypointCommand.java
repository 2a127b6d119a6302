package dev.stepwise.operator;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The command that runs one step's generated entrypoint: {@code java [jvmOptions] -cp <classpath>
 * <mainClass> --spec <uri>}. Typed, so an operator can take it apart (a Spark operator uses the main
 * class and classpath as the application; a local one runs {@link #toArgv()} as is).
 *
 * @param javaExecutable the {@code java} binary
 * @param jvmOptions options before the main class ({@code -Xmx2g})
 * @param classpath entries of the class path, in order
 * @param mainClass the generated {@code ..StepEntrypoint}
 * @param args the entrypoint's arguments ({@code --spec <uri>})
 * @param environment variables for the launched process; may hold secrets, so never shown in argv
 *     or logs
 */
public record EntrypointCommand(
    Path javaExecutable,
    List<String> jvmOptions,
    List<String> classpath,
    String mainClass,
    List<String> args,
    Map<String, String> environment) {

  public EntrypointCommand {
    Objects.requireNonNull(javaExecutable, "javaExecutable");
    jvmOptions = List.copyOf(jvmOptions);
    classpath = List.copyOf(classpath);
    Objects.requireNonNull(mainClass, "mainClass");
    args = List.copyOf(args);
    environment = Map.copyOf(environment);
  }

  /** The java binary of the JVM running this code. */
  public static Path currentJava() {
    return Path.of(System.getProperty("java.home"), "bin", "java");
  }

  /** The command line, without the environment. */
  public List<String> toArgv() {
    List<String> argv = new ArrayList<>();
    argv.add(javaExecutable.toString());
    argv.addAll(jvmOptions);
    if (!classpath.isEmpty()) {
      argv.add("-cp");
      argv.add(String.join(java.io.File.pathSeparator, classpath));
    }
    argv.add(mainClass);
    argv.addAll(args);
    return List.copyOf(argv);
  }

  public EntrypointCommand withJava(Path java) {
    return new EntrypointCommand(java, jvmOptions, classpath, mainClass, args, environment);
  }

  public EntrypointCommand withJvmOptions(List<String> options) {
    List<String> all = new ArrayList<>(jvmOptions);
    all.addAll(options);
    return new EntrypointCommand(javaExecutable, all, classpath, mainClass, args, environment);
  }

  /** Shows the environment's keys only, so printing a command never leaks a secret. */
  @Override
  public String toString() {
    return "EntrypointCommand[" + String.join(" ", toArgv()) + ", env keys=" + environment.keySet().stream().sorted().toList() + "]";
  }
}

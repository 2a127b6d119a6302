package dev.stepwise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stepwise.support.DirectoryTrees;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * A user's own project in a test: Java sources written to a directory and compiled by javac with
 * the Stepwise processor (found on this test's class path, as a user's build finds it), into a
 * fresh classes directory each time.
 */
final class UserProject {
  private UserProject() {}

  /**
   * Compiles {@code sources} (path relative to the source root, e.g. {@code com/acme/A.java}, to
   * content) into {@code classes}, emptied first; {@code extraClasspath} entries come before this
   * JVM's class path.
   */
  static Path compile(Path sourceRoot, Path classes, Map<String, String> sources, List<Path> extraClasspath)
      throws IOException {
    DirectoryTrees.delete(classes);
    Files.createDirectories(classes);
    List<String> args = new ArrayList<>();
    StringBuilder classpath = new StringBuilder();
    extraClasspath.forEach(p -> classpath.append(p).append(File.pathSeparator));
    classpath.append(System.getProperty("java.class.path"));
    args.addAll(List.of("-d", classes.toString(), "-cp", classpath.toString(), "-Xlint:none"));
    for (Map.Entry<String, String> source : sources.entrySet()) {
      Path file = sourceRoot.resolve(source.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, source.getValue());
      args.add(file.toString());
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    int code = javac.run(null, errors, errors, args.toArray(String[]::new));
    assertEquals(0, code, "javac failed: " + errors.toString(StandardCharsets.UTF_8));
    return classes;
  }
}

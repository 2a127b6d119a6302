package dev.stepwise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.step.StepMetadata;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StepsListCommandTest {
  @TempDir Path temp;

  private static Path testClasses() throws URISyntaxException {
    return Path.of(StepsListCommandTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  @Test
  void listsTheFixtureStepsOfTheTestClasspath() throws Exception {
    CliHarness.Result result = new CliHarness(temp).ok("steps", "list", "--classpath", testClasses().toString());
    assertTrue(result.out().lines().anyMatch(l -> l.matches(
        "add\\s+dev\\.stepwise\\.fixtures\\.Numbers#add\\s+\\(in process\\)\\s+-")), result.out());
  }

  @Test
  void listsStepsFromAClassDirectory() throws Exception {
    Path classes = temp.resolve("classes");
    Files.createDirectories(classes.resolve(StepMetadata.RESOURCE_DIRECTORY));
    Files.writeString(classes.resolve(StepMetadata.resourcePath("com.acme.WordCount", "countWords")), """
        {"name": "countWords", "declaringClass": "com.acme.WordCount", "method": "countWords",
         "entrypointClass": "com.acme.WordCount_CountWordsStepEntrypoint", "stubClass": "com.acme.WordCountSteps",
         "stepOperator": "spark_step_operator", "resources": {"cpuCount": 2.0, "gpuCount": 1, "memory": "4GB"},
         "spark": null, "parameters": [], "outputType": "java.lang.Long"}
        """);
    CliHarness.Result result = new CliHarness(temp).ok("steps", "list", "--classpath", classes.toString());
    assertTrue(result.out().lines().anyMatch(l -> l.matches(
        "countWords\\s+com\\.acme\\.WordCount#countWords\\s+spark_step_operator\\s+cpu=2 gpu=1 memory=4GB")), result.out());
  }

  @Test
  void listsStepsFromAJarAndSaysWhenThereAreNone() throws Exception {
    Path jar = temp.resolve("steps.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new JarEntry(StepMetadata.resourcePath("org.example.Etl", "load")));
      out.write("""
          {"name": "load", "declaringClass": "org.example.Etl", "method": "load",
           "entrypointClass": "org.example.Etl_LoadStepEntrypoint", "stubClass": "org.example.EtlSteps",
           "stepOperator": "", "resources": null, "spark": null, "parameters": [], "outputType": "void"}
          """.getBytes());
      out.closeEntry();
    }
    CliHarness cli = new CliHarness(temp);
    CliHarness.Result result = cli.ok("steps", "list", "--classpath", jar.toString());
    assertTrue(result.out().lines().anyMatch(l -> l.matches("load\\s+org\\.example\\.Etl#load\\s+\\(in process\\)\\s+-")),
        result.out());

    Path empty = Files.createDirectories(temp.resolve("empty"));
    assertTrue(cli.ok("steps", "list", "--classpath", empty.toString()).out().startsWith("No steps found"));
  }

  @Test
  void missingClasspathEntryAndBadMetadataAreErrors() throws Exception {
    CliHarness cli = new CliHarness(temp);
    CliHarness.Result missing = cli.run("steps", "list", "--classpath", temp.resolve("nope.jar").toString());
    assertEquals(ExitCodes.USER_ERROR, missing.exitCode());
    assertTrue(missing.err().contains("does not exist"), missing.err());

    Path dir = temp.resolve("bad");
    Path file = dir.resolve(StepMetadata.resourcePath("a.B", "c"));
    Files.createDirectories(file.getParent());
    Files.writeString(file, "{\"name\": \"c\", \"surprise\": 1}");
    CliHarness.Result bad = cli.run("steps", "list", "--classpath", dir.toString());
    assertEquals(ExitCodes.USER_ERROR, bad.exitCode());
    assertTrue(bad.err().contains("is not valid"), bad.err());
  }
}

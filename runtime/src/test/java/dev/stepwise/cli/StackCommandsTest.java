package dev.stepwise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.flavor.ComponentType;
import dev.stepwise.stack.ResolvedStack;
import dev.stepwise.stack.StackException;
import dev.stepwise.stack.StackStore;
import dev.stepwise.stack.Stacks;
import dev.stepwise.stack.StoredStack;
import dev.stepwise.testflavors.TestKubernetesOperatorFlavor;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackCommandsTest {
  @TempDir Path temp;
  CliHarness cli;

  @BeforeEach
  void setUp() {
    cli = new CliHarness(temp);
  }

  private void registerSparkComponents() {
    cli.ok("step-operator", "register", "spark_step_operator", "--flavor=test-kubernetes",
        "--master=k8s://https://127.0.0.1:6443", "--namespace=spark", "--service_account=spark");
    cli.ok("artifact-store", "register", "spark_artifact_store", "--flavor=test-store", "--path=s3://bucket/stepwise");
    cli.ok("container-registry", "register", "spark_container_registry", "--flavor=test-registry", "--uri=registry.example:5000");
    cli.ok("image-builder", "register", "local_builder", "--flavor=test-builder");
  }

  @Test
  void defaultStackExistsFromFirstUse() {
    CliHarness.Result list = cli.ok("stack", "list");
    assertTrue(list.out().lines().anyMatch(l -> l.matches("\\*\\s+default\\s+default\\s+default.*")), list.out());
    assertTrue(list.out().contains("Active stack: 'default' (chosen by the built-in default)"), list.out());
    ResolvedStack stack = Stacks.active(cli.environment());
    assertEquals("default", stack.name());
    assertTrue(stack.find(ComponentType.ARTIFACT_STORE, Object.class).isPresent());
    CliHarness.Result describe = cli.ok("artifact-store", "describe", "default");
    assertTrue(describe.out().contains("path=" + cli.configDir.resolve("artifacts")), describe.out());
  }

  @Test
  void zenmlsStackRegisterLineWorksVerbatim() {
    registerSparkComponents();
    CliHarness.Result registered = cli.ok("stack", "register", "spark_stack", "-o", "default", "-s",
        "spark_step_operator", "-a", "spark_artifact_store", "-c", "spark_container_registry", "-i",
        "local_builder", "--set");
    assertTrue(registered.out().contains("Active stack: 'spark_stack'"), registered.out());

    StoredStack stored = StackStore.at(cli.configDir).read().stack("spark_stack").orElseThrow();
    assertEquals("spark_step_operator", stored.component(ComponentType.STEP_OPERATOR).orElseThrow());
    assertEquals("local_builder", stored.component(ComponentType.IMAGE_BUILDER).orElseThrow());

    ResolvedStack active = Stacks.active(cli.environment());
    assertEquals("spark_stack", active.name());
    TestKubernetesOperatorFlavor.Config operator =
        active.require(ComponentType.STEP_OPERATOR, TestKubernetesOperatorFlavor.Config.class);
    assertEquals("spark", operator.serviceAccount());

    CliHarness.Result list = cli.ok("stack", "list");
    assertTrue(list.out().lines().anyMatch(l -> l.matches("\\*\\s+spark_stack\\s+default\\s+spark_artifact_store"
        + "\\s+spark_step_operator\\s+spark_container_registry\\s+local_builder")), list.out());
    assertTrue(list.out().contains("chosen by your choice made with `stepwise stack set`"), list.out());

    CliHarness.Result describe = cli.ok("stack", "describe");
    assertTrue(describe.out().contains("stack: spark_stack (active"), describe.out());
    assertTrue(describe.out().contains("status: ready"), describe.out());
  }

  @Test
  void longOptionSpellingsAreAccepted() {
    registerSparkComponents();
    cli.ok("stack", "register", "k", "--orchestrator=default", "--artifact-store=spark_artifact_store",
        "--step-operator=spark_step_operator", "--container-registry=spark_container_registry",
        "--image-builder=local_builder");
    cli.ok("stack", "register", "z", "--orchestrator", "default", "--artifact_store", "spark_artifact_store",
        "--step_operator", "spark_step_operator", "--container_registry", "spark_container_registry",
        "--image_builder", "local_builder");
    assertEquals(StackStore.at(cli.configDir).read().stack("k"), StackStore.at(cli.configDir).read().stack("z"));
  }

  @Test
  void aStackMissingWhatItsStepOperatorNeedsIsRefusedWithTheFix() {
    registerSparkComponents();
    CliHarness.Result refused = cli.run("stack", "register", "half", "-o", "default", "-a", "default",
        "-s", "spark_step_operator");
    assertEquals(ExitCodes.USER_ERROR, refused.exitCode());
    assertTrue(refused.err().contains("The stack 'half' cannot be used"), refused.err());
    assertTrue(refused.err().contains("needs a container registry: `stepwise stack update half -c <registry>`"), refused.err());
    assertTrue(refused.err().contains("needs an image builder"), refused.err());
    assertTrue(refused.err().contains("cannot reach the local artifact store 'default'"), refused.err());
    assertTrue(StackStore.at(cli.configDir).read().stack("half").isEmpty());
  }

  @Test
  void unknownComponentIsNamedWithTheCommandToRegisterIt() {
    CliHarness.Result refused = cli.run("stack", "register", "s", "-o", "default", "-a", "nowhere");
    assertEquals(ExitCodes.USER_ERROR, refused.exitCode());
    assertTrue(refused.err().contains("There is no artifact_store named 'nowhere'. Register it with"
        + " `stepwise artifact-store register nowhere --flavor=<flavor>` (flavors: local, s3, test-store); registered"
        + " artifact_stores: default."), refused.err());
  }

  @Test
  void updateSetAndDelete() {
    registerSparkComponents();
    cli.ok("stack", "register", "s", "-o", "default", "-a", "spark_artifact_store");
    CliHarness.Result bad = cli.run("stack", "update", "s", "-s", "spark_step_operator");
    assertEquals(ExitCodes.USER_ERROR, bad.exitCode());
    assertTrue(bad.err().contains("needs a container registry"), bad.err());
    cli.ok("stack", "update", "s", "-s", "spark_step_operator", "-c", "spark_container_registry", "-i", "local_builder");
    assertEquals("spark_step_operator",
        StackStore.at(cli.configDir).read().stack("s").orElseThrow().component(ComponentType.STEP_OPERATOR).orElseThrow());

    cli.ok("stack", "set", "s");
    CliHarness.Result active = cli.run("stack", "delete", "s");
    assertEquals(ExitCodes.USER_ERROR, active.exitCode());
    assertTrue(active.err().contains("The stack 's' is active"), active.err());
    assertTrue(active.err().contains("stepwise stack set default"), active.err());

    CliHarness.Result defaultStack = cli.run("stack", "delete", "default");
    assertEquals(ExitCodes.USER_ERROR, defaultStack.exitCode());
    assertTrue(defaultStack.err().contains("The default stack cannot be deleted"), defaultStack.err());

    cli.ok("stack", "set", "default");
    cli.ok("stack", "delete", "s");
    assertTrue(StackStore.at(cli.configDir).read().stack("s").isEmpty());
    assertTrue(StackStore.at(cli.configDir).read().component(ComponentType.STEP_OPERATOR, "spark_step_operator")
        .isPresent(), "deleting a stack keeps its components");

    CliHarness.Result missing = cli.run("stack", "set", "s");
    assertEquals(ExitCodes.USER_ERROR, missing.exitCode());
    assertTrue(missing.err().contains("There is no stack named 's'"), missing.err());
  }

  @Test
  void componentUpdateThatBreaksAStackIsRefused() {
    cli.ok("step-operator", "register", "jvm", "--flavor=local");
    cli.ok("stack", "register", "s", "-o", "default", "-a", "default", "-s", "jvm");
    CliHarness.Result bad = cli.run("step-operator", "update", "jvm", "--java_home=/nonexistent");
    assertEquals(ExitCodes.USER_ERROR, bad.exitCode());
    assertTrue(bad.err().contains("has no bin/java"), bad.err());
  }

  @Test
  void environmentVariableOverridesTheUsersChoiceAndSaysSo() {
    cli.ok("stack", "register", "mine", "-o", "default", "-a", "default");
    cli.env("STEPWISE_ACTIVE_STACK", "mine");
    CliHarness.Result list = cli.ok("stack", "list");
    assertTrue(list.out().contains("Active stack: 'mine' (chosen by the STEPWISE_ACTIVE_STACK environment variable)"),
        list.out());
    CliHarness.Result set = cli.ok("stack", "set", "default");
    assertTrue(set.err().contains("'mine' is used instead, because it is chosen by the STEPWISE_ACTIVE_STACK"), set.err());
    CliHarness.Result delete = cli.run("stack", "delete", "mine");
    assertEquals(ExitCodes.USER_ERROR, delete.exitCode());
  }

  @Test
  void projectFileChoosesTheStack() throws Exception {
    cli.ok("stack", "register", "proj", "-o", "default", "-a", "default");
    Path file = cli.workingDir.resolve(".stepwise/config.json");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "{\"active_stack\": \"proj\"}");
    CliHarness.Result describe = cli.ok("stack", "describe");
    assertTrue(describe.out().contains("stack: proj (active, chosen by the project file " + file + ")"), describe.out());

    Files.writeString(file, "{\"active_stack\": \"gone\"}");
    StackException e = org.junit.jupiter.api.Assertions.assertThrows(StackException.class,
        () -> Stacks.active(cli.environment()));
    assertTrue(e.getMessage().contains("There is no stack named 'gone'"), e.getMessage());
    assertTrue(e.getMessage().contains("chosen by the project file " + file), e.getMessage());
  }

  @Test
  void helpOnEveryCommandAndVersion() {
    picocli.CommandLine root = Main.commandLine(cli.environment());
    java.util.List<java.util.List<String>> paths = new java.util.ArrayList<>();
    collect(root, new java.util.ArrayList<>(), paths);
    assertTrue(paths.size() > 40, "commands: " + paths);
    for (java.util.List<String> path : paths) {
      java.util.List<String> args = new java.util.ArrayList<>(path);
      args.add("--help");
      CliHarness.Result help = cli.run(args.toArray(String[]::new));
      assertEquals(0, help.exitCode(), path + ": " + help);
      assertTrue(help.out().contains("Usage: stepwise"), path + ": " + help.out());
    }
    assertTrue(cli.ok("--version").out().startsWith("stepwise "));
  }

  private static void collect(picocli.CommandLine command, java.util.List<String> path,
      java.util.List<java.util.List<String>> out) {
    out.add(java.util.List.copyOf(path));
    command.getSubcommands().forEach((name, sub) -> {
      if (!name.equals("help")) {
        java.util.List<String> next = new java.util.ArrayList<>(path);
        next.add(name);
        collect(sub, next, out);
      }
    });
  }

  @Test
  void completionScripts() {
    String bash = cli.ok("completion", "bash").out();
    assertTrue(bash.contains("complete -F _complete_stepwise"), bash.substring(0, Math.min(400, bash.length())));
    assertTrue(bash.contains("artifact-store"));
    String zsh = cli.ok("completion", "zsh").out();
    assertTrue(zsh.startsWith("autoload -U +X compinit"));
    assertEquals(ExitCodes.USAGE, cli.run("completion", "fish").exitCode());
  }
}

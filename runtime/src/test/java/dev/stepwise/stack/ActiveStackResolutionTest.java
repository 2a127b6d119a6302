package dev.stepwise.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ActiveStackResolutionTest {
  private static final Path FILE = Path.of("/p/.stepwise/config.json");
  private static final Optional<ProjectConfig.Found> PROJECT =
      Optional.of(new ProjectConfig.Found(FILE, "{\"active_stack\": \"from_project\"}"));
  private static final Map<String, String> ENV = Map.of("STEPWISE_ACTIVE_STACK", "from_env");

  @Test
  void environmentVariableWinsOverEverything() {
    ActiveStack active = ActiveStackResolution.resolve(ENV, PROJECT, Optional.of("from_user"));
    assertEquals(new ActiveStack("from_env", ActiveStackSource.ENVIRONMENT, Optional.empty()), active);
  }

  @Test
  void blankEnvironmentVariableIsIgnored() {
    ActiveStack active = ActiveStackResolution.resolve(Map.of("STEPWISE_ACTIVE_STACK", "  "), PROJECT, Optional.of("u"));
    assertEquals(ActiveStackSource.PROJECT, active.source());
  }

  @Test
  void projectFileWinsOverTheUsersChoice() {
    ActiveStack active = ActiveStackResolution.resolve(Map.of(), PROJECT, Optional.of("from_user"));
    assertEquals(new ActiveStack("from_project", ActiveStackSource.PROJECT, Optional.of(FILE)), active);
    assertEquals("the project file " + FILE, active.origin());
  }

  @Test
  void projectFileWithoutAChoiceFallsThrough() {
    Optional<ProjectConfig.Found> empty = Optional.of(new ProjectConfig.Found(FILE, "{}"));
    assertEquals(new ActiveStack("from_user", ActiveStackSource.USER, Optional.empty()),
        ActiveStackResolution.resolve(Map.of(), empty, Optional.of("from_user")));
  }

  @Test
  void usersChoiceWinsOverTheDefault() {
    assertEquals(new ActiveStack("from_user", ActiveStackSource.USER, Optional.empty()),
        ActiveStackResolution.resolve(Map.of(), Optional.empty(), Optional.of("from_user")));
  }

  @Test
  void defaultWhenNothingIsChosen() {
    assertEquals(new ActiveStack("default", ActiveStackSource.DEFAULT, Optional.empty()),
        ActiveStackResolution.resolve(Map.of("OTHER", "x"), Optional.empty(), Optional.empty()));
  }

  @Test
  void malformedProjectFileIsAnErrorNamingIt() {
    Optional<ProjectConfig.Found> broken = Optional.of(new ProjectConfig.Found(FILE, "{\"active_stack\": "));
    StackException e = assertThrows(StackException.class,
        () -> ActiveStackResolution.resolve(Map.of(), broken, Optional.empty()));
    assertTrue(e.getMessage().contains("The project file " + FILE + " is not valid JSON"), e.getMessage());
  }

  @Test
  void unknownKeyInProjectFileIsAnErrorNamingIt() {
    Optional<ProjectConfig.Found> typo = Optional.of(new ProjectConfig.Found(FILE, "{\"activeStack\": \"x\"}"));
    StackException e = assertThrows(StackException.class,
        () -> ActiveStackResolution.resolve(Map.of(), typo, Optional.empty()));
    assertTrue(e.getMessage().contains(FILE + " has an unknown key 'activeStack'"), e.getMessage());
  }

  @Test
  void malformedProjectFileDoesNotMatterWhenTheEnvironmentDecides() {
    Optional<ProjectConfig.Found> broken = Optional.of(new ProjectConfig.Found(FILE, "nonsense"));
    assertEquals("from_env", ActiveStackResolution.resolve(ENV, broken, Optional.empty()).name());
  }

  @Test
  void projectFileIsFoundUpwardFromTheWorkingDirectory(@TempDir Path temp) throws Exception {
    Path file = temp.resolve("repo/.stepwise/config.json");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "{\"active_stack\": \"repo_stack\"}");
    Path deep = Files.createDirectories(temp.resolve("repo/module/src/main"));
    ProjectConfig.Found found = ProjectConfig.search(deep).orElseThrow();
    assertEquals(file, found.file());
    assertEquals(Optional.empty(), ProjectConfig.search(temp).filter(f -> f.file().startsWith(temp)));
  }

  @Test
  void configDirectoryPrecedence() {
    Path home = Path.of("/home/u");
    Path cwd = Path.of("/w");
    assertEquals(Path.of("/cfg"), new StepwiseEnvironment(
        Map.of("STEPWISE_CONFIG_DIR", "/cfg", "XDG_CONFIG_HOME", "/xdg"), cwd, home).configDirectory());
    assertEquals(Path.of("/xdg/stepwise"), new StepwiseEnvironment(
        Map.of("XDG_CONFIG_HOME", "/xdg"), cwd, home).configDirectory());
    assertEquals(Path.of("/home/u/.config/stepwise"), new StepwiseEnvironment(Map.of(), cwd, home).configDirectory());
  }
}

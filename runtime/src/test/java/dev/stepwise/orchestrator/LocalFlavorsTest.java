package dev.stepwise.orchestrator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepwise.artifact.ArtifactStore;
import dev.stepwise.artifact.LocalArtifactStoreConfig;
import dev.stepwise.artifact.LocalArtifactStoreFlavor;
import dev.stepwise.flavor.ComponentContext;
import dev.stepwise.flavor.ComponentType;
import dev.stepwise.flavor.Flavor;
import dev.stepwise.operator.EntrypointCommand;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalFlavorsTest {
  @TempDir Path dir;

  @Test
  void theLocalFlavorsAreFoundWithServiceLoader() {
    @SuppressWarnings("rawtypes")
    Map<ComponentType, String> local = ServiceLoader.load(Flavor.class).stream()
        .map(ServiceLoader.Provider::get)
        .filter(f -> f.name().equals("local"))
        .collect(Collectors.toMap(Flavor::type, f -> f.getClass().getSimpleName()));
    assertEquals(Map.of(ComponentType.ORCHESTRATOR, "LocalOrchestratorFlavor",
        ComponentType.ARTIFACT_STORE, "LocalArtifactStoreFlavor",
        ComponentType.STEP_OPERATOR, "LocalStepOperatorFlavor",
        ComponentType.IMAGE_BUILDER, "LocalImageBuilderFlavor"), local);
  }

  @Test
  void configsUseZenmlKeysAndAreValidated() throws Exception {
    ObjectMapper json = new ObjectMapper();
    LocalStepOperatorConfig op = json.convertValue(
        Map.of("java_home", "/no/jdk", "jvm_options", List.of("-Xmx1g", "Xms1g")), LocalStepOperatorConfig.class);
    List<String> problems = new LocalStepOperatorFlavor().validateConfig(op);
    assertEquals(2, problems.size(), problems.toString());
    assertTrue(problems.get(0).contains("has no bin/java"));
    assertTrue(problems.get(1).contains("'Xms1g' is not a JVM option"));

    LocalOrchestratorConfig orch = json.convertValue(Map.of("max_parallelism", 0), LocalOrchestratorConfig.class);
    assertTrue(new LocalOrchestratorFlavor().validateConfig(orch).get(0).contains("must be 1 or more"));
    assertEquals(3, new LocalOrchestratorFlavor()
        .create("o", new LocalOrchestratorConfig(3), new ComponentContext(dir)).maxParallelism());

    LocalArtifactStoreFlavor stores = new LocalArtifactStoreFlavor();
    assertTrue(stores.validateConfig(new LocalArtifactStoreConfig(null)).get(0).contains("'path' is required"));
    assertTrue(stores.validateConfig(new LocalArtifactStoreConfig("relative/dir")).get(0).contains("absolute"));
    ArtifactStore store = stores.create("s", json.convertValue(Map.of("path", dir.toString()),
        LocalArtifactStoreConfig.class), new ComponentContext(dir));
    assertTrue(store.isLocal());
    assertEquals(dir.toUri(), store.root());
    assertInstanceOf(LocalStepOperator.class, new LocalStepOperatorFlavor()
        .create("ops", new LocalStepOperatorConfig(null, null), new ComponentContext(dir)));
  }

  @Test
  void entrypointCommandKeepsTheEnvironmentOutOfArgv() {
    EntrypointCommand command = new EntrypointCommand(Path.of("/jdk/bin/java"), List.of("-Xmx1g"),
        List.of("/a.jar", "/b"), "com.acme.X_YStepEntrypoint", List.of("--spec", "file:/s.json"),
        Map.of("AWS_SECRET_ACCESS_KEY", "hunter2"));
    assertEquals(List.of("/jdk/bin/java", "-Xmx1g", "-cp", "/a.jar" + java.io.File.pathSeparator + "/b",
        "com.acme.X_YStepEntrypoint", "--spec", "file:/s.json"), command.toArgv());
    assertTrue(!command.toString().contains("hunter2") && command.toString().contains("AWS_SECRET_ACCESS_KEY"));
  }
}

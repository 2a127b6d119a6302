package dev.stepwise.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.flavor.ComponentContext;
import dev.stepwise.secret.Secret;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFlavorsTest {
  private final DefaultContainerRegistryFlavor registries = new DefaultContainerRegistryFlavor();
  private final LocalImageBuilderFlavor builders = new LocalImageBuilderFlavor();

  @Test
  void registryUrisParseAndKnowWhetherTheyAreLocal() {
    RegistryUri remote = RegistryUri.parse("Registry.Example.com:5443/team/ml/");
    assertEquals("registry.example.com", remote.host());
    assertEquals(Optional.of(5443), remote.port());
    assertEquals("team/ml", remote.path());
    assertEquals("registry.example.com:5443/team/ml", remote.text());
    assertFalse(remote.isLocal());
    assertTrue(RegistryUri.parse("localhost:5000").isLocal());
    assertTrue(RegistryUri.parse("127.0.0.1:5001/x").isLocal());
    assertFalse(RegistryUri.parse("kind-registry:5000").isLocal());
  }

  @Test
  void badRegistryConfigsAreRefusedWithTheFix() {
    assertTrue(problems("https://ghcr.io/me").get(0).contains("--uri=ghcr.io/me"), problems("https://ghcr.io/me").toString());
    assertTrue(problems("host:99999").get(0).contains("1 to 65535"));
    assertTrue(problems("host/Upper Case").get(0).contains("host[:port][/path]"));
    assertTrue(problems(" ").get(0).contains("required"));
    List<String> plainCredentials = registries.validateConfig(
        new ContainerRegistryConfig("ghcr.io/me", false, "user:hunter2", false));
    assertEquals(1, plainCredentials.size());
    assertTrue(plainCredentials.get(0).contains("NAME of a stored secret"));
    assertFalse(plainCredentials.get(0).contains("hunter2"), "the message must not echo credentials");
    assertEquals(List.of(), registries.validateConfig(new ContainerRegistryConfig("ghcr.io/me", null, "ghcr-login", null)));
  }

  private List<String> problems(String uri) {
    return registries.validateConfig(new ContainerRegistryConfig(uri, null, null, null));
  }

  @Test
  void credentialsComeFromTheNamedSecretOnlyWhenATargetIsMade(@TempDir Path dir) {
    ContainerRegistry registry = registries.create("ghcr",
        new ContainerRegistryConfig("ghcr.io/me", null, "ghcr-login", null), new ComponentContext(dir));

    ImageTarget.Registry target = registry.target(name -> Optional.of(
        new Secret(name, Map.of("username", "me", "password", "s3cret"))));
    assertEquals("ghcr.io/me", target.registry());
    assertEquals("me", target.credentials().orElseThrow().username());
    assertFalse(target.credentials().get().toString().contains("s3cret"));

    ImageBuildException missing = assertThrows(ImageBuildException.class, () -> registry.target(name -> Optional.empty()));
    assertTrue(missing.getMessage().contains("stepwise secret create ghcr-login"), missing.getMessage());
    ImageBuildException noPassword = assertThrows(ImageBuildException.class,
        () -> registry.target(name -> Optional.of(new Secret(name, Map.of("username", "me")))));
    assertTrue(noPassword.getMessage().contains("no key 'password'"), noPassword.getMessage());
  }

  @Test
  void imageBuilderDefaultsToSparksImageAndRejectsRelativeCacheDirs(@TempDir Path dir) {
    StackImageBuilder builder = builders.create("jib", new LocalImageBuilderConfig(null, dir.toString()),
        new ComponentContext(dir));
    assertEquals(ImageBuilder.DEFAULT_PARENT_IMAGE, builder.parentImage());
    assertTrue(ImageBuilder.DEFAULT_PARENT_IMAGE.startsWith("apache/spark:4.") && ImageBuilder.DEFAULT_PARENT_IMAGE.contains("java17"));
    List<String> problems = builders.validateConfig(new LocalImageBuilderConfig("my image", "relative/dir"));
    assertEquals(2, problems.size(), problems.toString());
    for (String bad : List.of("Apache/Spark:4", "apache/spark:", "tar://relative.tar", "https://hub/spark")) {
      List<String> found = builders.validateConfig(new LocalImageBuilderConfig(bad, null));
      assertEquals(1, found.size(), bad + ": " + found);
      assertTrue(found.get(0).contains("'" + bad + "' is not an image reference"), found.get(0));
    }
    for (String good : List.of("scratch", "tar:///opt/base.tar", "localhost:5000/spark:4.1.0",
        "ghcr.io/acme/spark@sha256:" + "0f".repeat(32))) {
      assertEquals(List.of(), builders.validateConfig(new LocalImageBuilderConfig(good, null)), good);
    }
  }
}

package dev.stepwise.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.support.StepwiseCacheDir;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Jib against Debian's docker-registry on 127.0.0.1: manifests, layer reuse, skipping unchanged images. */
class ImageBuilderRegistryTest {
  private static LocalDockerRegistry registry;
  @TempDir static Path shared;

  @BeforeAll
  static void startRegistry() throws Exception {
    Optional<Path> executable = LocalDockerRegistry.executable();
    Assumptions.assumeTrue(executable.isPresent(),
        "docker-registry is not installed (apt-get install -y docker-registry); registry tests skipped");
    registry = LocalDockerRegistry.start(executable.get(), shared.resolve("registry"));
  }

  @AfterAll
  static void stopRegistry() throws Exception {
    if (registry != null) {
      registry.close();
    }
  }

  private ImageTarget.Registry target() {
    return new ImageTarget.Registry(registry.hostPort(), true, Optional.empty());
  }

  private static ImageBuilder builder(Path dir) {
    return new ImageBuilder(new StepwiseCacheDir(dir.resolve("cache")), dir.resolve("jib"));
  }

  private static ImageInputs inputs(String repository, Path dir, String classBody) throws Exception {
    Path deps = ImageFixtures.dependencyJar(dir.resolve("deps"), "dep-1.0.jar", "dependency");
    Path classes = ImageFixtures.classesDir(dir.resolve("classes"), classBody);
    return ImageInputs.of(repository, "scratch", List.of(deps), List.of(classes),
        Map.of("STEPWISE_B", "2", "STEPWISE_A", "1"));
  }

  @Test
  void pushesAnOciManifestWithThreeLayersAndSkipsAnUnchangedImage(@TempDir Path dir) throws Exception {
    ImageBuilder builder = builder(dir);
    ImageInputs inputs = inputs("stepwise/first", dir, "v1");

    BuiltImage first = builder.build(inputs, target());

    assertTrue(first.built());
    assertEquals(registry.hostPort() + "/stepwise/first:" + builder.tagFor(inputs), first.reference());
    JsonNode manifest = registry.manifest("stepwise/first", first.tag());
    assertEquals("application/vnd.oci.image.manifest.v1+json", manifest.get("mediaType").asText());
    assertEquals(3, manifest.get("layers").size(), manifest.toString());
    assertEquals(List.of("dependencies", "classes", "entrypoint"),
        first.layers().stream().map(BuiltImage.ImageLayer::name).toList());
    assertTrue(first.uploadedBlobs().contains(manifest.get("config").get("digest").asText()));
    for (JsonNode layer : manifest.get("layers")) {
      assertTrue(first.uploadedBlobs().contains(layer.get("digest").asText()), "layer pushed: " + layer);
    }
    assertTrue(first.bytesUploaded() > 0);

    BuiltImage again = builder.build(inputs, target());

    assertFalse(again.built(), "an image whose tag is in the registry is not rebuilt");
    assertEquals(first.digest(), again.digest());
    assertEquals(Set.of(), again.uploadedBlobs());
  }

  @Test
  void aChangeToTheProjectsClassesUploadsOnlyTheClassesLayerAndTheConfig(@TempDir Path dir) throws Exception {
    ImageBuilder builder = builder(dir);
    BuiltImage before = builder.build(inputs("stepwise/change", dir, "v1"), target());
    JsonNode oldManifest = registry.manifest("stepwise/change", before.tag());

    BuiltImage after = builder.build(inputs("stepwise/change", dir, "v2"), target());

    JsonNode manifest = registry.manifest("stepwise/change", after.tag());
    assertTrue(after.built());
    assertFalse(before.tag().equals(after.tag()), "new classes give a new content-hash tag");
    String configDigest = manifest.get("config").get("digest").asText();
    String classesDigest = manifest.get("layers").get(1).get("digest").asText();
    assertEquals(Set.of(configDigest, classesDigest), after.uploadedBlobs());
    assertEquals(oldManifest.get("layers").get(0), manifest.get("layers").get(0), "dependencies layer reused");
    assertEquals(oldManifest.get("layers").get(2), manifest.get("layers").get(2), "entrypoint layer reused");
    long expected = manifest.get("config").get("size").asLong() + manifest.get("layers").get(1).get("size").asLong();
    assertEquals(expected, after.bytesUploaded());
  }

  @Test
  void identicalInputsGiveTheSameDigestFromFreshCaches(@TempDir Path dir) throws Exception {
    BuiltImage one = builder(dir.resolve("a")).build(inputs("stepwise/repro-a", dir.resolve("in-a"), "same"), target());
    BuiltImage two = builder(dir.resolve("b")).build(inputs("stepwise/repro-b", dir.resolve("in-b"), "same"), target());

    assertTrue(two.built(), "a different repository has no such tag yet");
    assertEquals(one.tag(), two.tag());
    assertEquals(one.digest(), two.digest());
  }

  @Test
  void stepsThatNeedTheSameImageAtOnceShareOneBuild(@TempDir Path dir) throws Exception {
    ImageBuilder builder = builder(dir);
    ImageInputs inputs = inputs("stepwise/together", dir.resolve("in"), "together");
    CyclicBarrier start = new CyclicBarrier(3);
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<BuiltImage>> builds = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        builds.add(pool.submit(() -> {
          start.await();
          return builder.build(inputs, target());
        }));
      }
      List<BuiltImage> images = new ArrayList<>();
      for (var build : builds) {
        images.add(build.get());
      }
      assertEquals(1, images.stream().filter(BuiltImage::built).count(), "one build and push for three steps");
      assertEquals(1, images.stream().map(BuiltImage::digest).distinct().count());
      assertEquals(images.stream().mapToLong(BuiltImage::bytesUploaded).sum(),
          images.stream().filter(BuiltImage::built).findFirst().orElseThrow().bytesUploaded(), "bytes counted once");
    } finally {
      pool.shutdownNow();
    }
  }
}

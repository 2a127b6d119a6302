package dev.stepwise.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepwise.support.StepwiseCacheDir;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With no registry configured, images are written as OCI tars; no network is needed. */
class ImageBuilderTarTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void writesAnOciLayoutTarWhoseDigestIsReproducible(@TempDir Path dir) throws Exception {
    Path deps = ImageFixtures.dependencyJar(dir.resolve("deps"), "dep-1.0.jar", "dependency");
    Path classes = ImageFixtures.classesDir(dir.resolve("classes"), "v1");
    ImageInputs inputs = ImageInputs.of("stepwise/tar", "scratch", List.of(deps), List.of(classes), Map.of("A", "1"));

    BuiltImage first = new ImageBuilder(new StepwiseCacheDir(dir.resolve("c1")), dir.resolve("j1"))
        .build(inputs, new ImageTarget.OciTar(dir.resolve("out1")));
    BuiltImage second = new ImageBuilder(new StepwiseCacheDir(dir.resolve("c2")), dir.resolve("j2"))
        .build(inputs, new ImageTarget.OciTar(dir.resolve("out2")));

    Path tar = first.tarFile().orElseThrow();
    assertTrue(Files.isRegularFile(tar));
    Map<String, byte[]> entries = ImageFixtures.readTar(tar);
    assertTrue(entries.containsKey("oci-layout"), ImageFixtures.names(entries).toString());
    assertTrue(entries.containsKey("index.json"), ImageFixtures.names(entries).toString());
    JsonNode index = JSON.readTree(entries.get("index.json"));
    String manifestDigest = index.get("manifests").get(0).get("digest").asText();
    assertEquals(first.digest(), manifestDigest);
    JsonNode manifest = JSON.readTree(entries.get("blobs/sha256/" + manifestDigest.substring("sha256:".length())));
    assertEquals(3, manifest.get("layers").size());
    for (JsonNode layer : manifest.get("layers")) {
      assertTrue(entries.containsKey("blobs/sha256/" + layer.get("digest").asText().substring(7)));
    }
    JsonNode config = JSON.readTree(entries.get("blobs/sha256/" + manifest.get("config").get("digest").asText().substring(7)));
    assertEquals(first.tag(), config.get("config").get("Labels").get(ImageBuilder.INPUTS_LABEL).asText());
    assertEquals(first.digest(), second.digest(), "same inputs, fresh caches: same digest");
    assertEquals(first.tarFile().get().getFileName(), second.tarFile().get().getFileName());
  }

  @Test
  void refusesMissingInputsAndBadRepositoryNamesWithTheFix(@TempDir Path dir) throws Exception {
    IllegalArgumentException badName = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> ImageInputs.of("Stepwise/Bad Name", "scratch", List.of(), List.of(dir), Map.of()));
    assertTrue(badName.getMessage().contains("lowercase"), badName.getMessage());

    ImageInputs missing = ImageInputs.of("stepwise/missing", "scratch", List.of(dir.resolve("nope.jar")),
        List.of(dir), Map.of());
    IllegalArgumentException noJar = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> new ImageBuilder(new StepwiseCacheDir(dir.resolve("c")), dir.resolve("j"))
            .build(missing, new ImageTarget.OciTar(dir.resolve("out"))));
    assertTrue(noJar.getMessage().contains("nope.jar") && noJar.getMessage().contains("mvn package"), noJar.getMessage());
  }
}

package dev.stepwise.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.artifact.ArtifactInfo;
import dev.stepwise.artifact.ArtifactStorage;
import dev.stepwise.artifact.ArtifactStore;
import dev.stepwise.artifact.LocalArtifactStore;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cache entries are written without waiting for the disk, so a power cut may lose one or leave it
 * empty: either must read as a miss, never as an error or a hit.
 */
class StepCacheEntriesTest {
  @TempDir Path root;

  @Test
  void anEntryLeftEmptyOrCutShortIsAMissAndAWholeOneIsAHit() throws Exception {
    ArtifactStore store = new LocalArtifactStore(root);
    StepCache cache = new StepCache(store);
    URI output = store.resolve("runs/r1/steps/add/output/");
    store.write(ArtifactStorage.child(output, ArtifactInfo.FILE_NAME), "{}".getBytes());
    CacheKey key = CacheKey.builder("Numbers#add").setting("x", "1").build();

    cache.put(key, "r1", "add", output);
    assertTrue(cache.check(key).hit(), "a whole entry is a hit");
    List<Path> entries = files();
    assertEquals(2, entries.size(), "the entry and the step's latest, and no temp file left: " + entries);

    for (Path entry : entries) {
      Files.write(entry, new byte[0]); // what a power cut may leave of a write that was not synced
    }
    CacheVerdict empty = cache.check(key);
    assertFalse(empty.hit());
    assertEquals("missed: no earlier run of this step is cached", empty.reason());

    for (Path entry : entries) {
      Files.writeString(entry, "{\"key\" : {\"step\" : \"Numbers#add\", ");
    }
    assertFalse(cache.check(key).hit(), "an entry cut short is a miss");
  }

  private List<Path> files() throws IOException {
    try (Stream<Path> all = Files.walk(root.resolve("cache"))) {
      return all.filter(Files::isRegularFile).sorted().toList();
    }
  }
}

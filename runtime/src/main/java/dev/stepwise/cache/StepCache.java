package dev.stepwise.cache;

import dev.stepwise.artifact.ArtifactInfo;
import dev.stepwise.artifact.ArtifactStorage;
import dev.stepwise.artifact.ArtifactStore;
import dev.stepwise.support.JsonCodec;
import dev.stepwise.support.Sha256;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The step cache in an artifact store, so every user of a shared (S3) store shares it. An entry
 * whose output was deleted, or that cannot be read, is a miss and never an error; a hit reuses the
 * output where it is, without copying it. Entries are therefore written atomically but without
 * waiting for the disk: one that a power cut loses or leaves unreadable costs a later miss.
 */
public final class StepCache {
  private static final Logger LOG = LoggerFactory.getLogger(StepCache.class);
  private static final String LATEST = "latest.json";

  private final ArtifactStore store;

  public StepCache(ArtifactStore store) {
    this.store = store;
  }

  /** A hit with the entry's output, or a miss that says what changed since the step's last entry. */
  public CacheVerdict check(CacheKey key) {
    Optional<CacheEntry> entry = read(entryUri(key));
    if (entry.isPresent()) {
      URI output = entry.get().output();
      if (store.exists(ArtifactStorage.child(output, ArtifactInfo.FILE_NAME))) {
        return CacheVerdict.hit(key, entry.get());
      }
      return CacheVerdict.miss(key, "the cached output of run " + entry.get().runId() + " is gone (" + output + ")");
    }
    Optional<CacheEntry> latest = read(latestUri(key.step()));
    if (latest.isEmpty()) {
      return CacheVerdict.miss(key, "no earlier run of this step is cached");
    }
    String difference = key.differenceFrom(latest.get().key());
    return CacheVerdict.miss(key, (difference.isEmpty() ? "no cached entry has this key" : difference)
        + " since run " + latest.get().runId());
  }

  /**
   * Remembers that the step with {@code key} completed in {@code runId} with {@code output}. A failure
   * to write is logged and costs only a later miss.
   */
  public void put(CacheKey key, String runId, String invocationId, URI output) {
    CacheEntry entry = new CacheEntry(key, runId, invocationId, output, Instant.now());
    try {
      byte[] json = JsonCodec.mapper().writeValueAsBytes(entry);
      store.writeUnsynced(entryUri(key), json);
      store.writeUnsynced(latestUri(key.step()), json);
    } catch (IOException | RuntimeException e) {
      LOG.warn("could not store the cache entry of step '{}' of run {}: {}", invocationId, runId, e.toString());
    }
  }

  private Optional<CacheEntry> read(URI uri) {
    try {
      if (!store.exists(uri)) {
        return Optional.empty();
      }
      return Optional.of(JsonCodec.mapper().readValue(store.read(uri), CacheEntry.class));
    } catch (IOException | RuntimeException e) {
      LOG.warn("ignoring the unreadable cache entry {}: {}", uri, e.toString());
      return Optional.empty();
    }
  }

  private URI entryUri(CacheKey key) {
    return store.resolve(directory(key.step()) + key.value() + ".json");
  }

  private URI latestUri(String step) {
    return store.resolve(directory(step) + LATEST);
  }

  private static String directory(String step) {
    return "cache/" + Sha256.hex(step).substring(0, 32) + "/";
  }
}

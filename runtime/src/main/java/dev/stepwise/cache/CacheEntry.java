package dev.stepwise.cache;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * One stored cache entry: the key of a step that completed, and where its output is. Stored as
 * {@code cache/<step digest>/<key>.json} in the artifact store; the newest of a step is also
 * {@code latest.json}, which a miss compares with to say what changed.
 */
record CacheEntry(CacheKey key, String runId, String invocationId, URI output, Instant createdAt) {
  CacheEntry {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(invocationId, "invocationId");
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}

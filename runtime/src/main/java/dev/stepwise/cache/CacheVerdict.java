package dev.stepwise.cache;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * Why a step was or was not taken from the cache, as recorded in its step record.
 *
 * @param hit whether its output was reused
 * @param reason in a user's words: "hit: ...", "missed: ...", "not cached: ..."
 * @param key the step's cache key; empty when caching was off for it
 * @param fromRun on a hit, the run whose output is reused
 * @param output on a hit, that output
 */
public record CacheVerdict(boolean hit, String reason, Optional<String> key, Optional<String> fromRun,
    Optional<URI> output) {

  public CacheVerdict {
    Objects.requireNonNull(reason, "reason");
    key = key == null ? Optional.empty() : key;
    fromRun = fromRun == null ? Optional.empty() : fromRun;
    output = output == null ? Optional.empty() : output;
  }

  static CacheVerdict hit(CacheKey key, CacheEntry entry) {
    return new CacheVerdict(true, "hit: unchanged since run " + entry.runId() + " (step '" + entry.invocationId()
        + "'), whose output is reused", Optional.of(key.value()), Optional.of(entry.runId()),
        Optional.of(entry.output()));
  }

  static CacheVerdict miss(CacheKey key, String why) {
    return new CacheVerdict(false, "missed: " + why, Optional.of(key.value()), Optional.empty(), Optional.empty());
  }

  /** The verdict as the step log says it: "cache hit: ...", "cache missed: ..." or "not cached: ...". */
  public String sentence() {
    return reason.startsWith("not cached") ? reason : "cache " + reason;
  }

  /** Caching is off for this step: {@code why} names the switch. */
  public static CacheVerdict off(String why) {
    return new CacheVerdict(false, "not cached: " + why, Optional.empty(), Optional.empty(), Optional.empty());
  }
}

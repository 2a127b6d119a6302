package dev.stepwise.orchestrator;

import dev.stepwise.cache.ArtifactDigest;
import dev.stepwise.cache.CacheKey;
import dev.stepwise.cache.CacheVerdict;
import dev.stepwise.cache.CodeDigest;
import dev.stepwise.cache.StepCache;
import dev.stepwise.discovery.Classpath;
import dev.stepwise.operator.StepOperator;
import dev.stepwise.orchestrator.PipelinePlan.PlannedInput;
import dev.stepwise.orchestrator.PipelinePlan.PlannedStep;
import dev.stepwise.step.StepMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The cache decisions of one run: each step's key, from the code it runs and what it reads, looked
 * up before the step starts and remembered when it completes. A step's key also stands for its
 * output in the keys of the steps that read it, so a change travels downstream without hashing the
 * data; the output of a step that is not cached is hashed instead.
 */
final class StepCaching {
  private final String runId;
  private final RunStore runs;
  private final StepCache cache;
  private final boolean reuse;
  private final Classpath classpath;
  private CodeDigest code;
  /** Per completed or cached invocation: what stands for its output in downstream keys. */
  private final Map<String, String> outputIdentity = new ConcurrentHashMap<>();

  StepCaching(String runId, RunStore runs, RunSettings settings) {
    this.runId = runId;
    this.runs = runs;
    this.cache = new StepCache(runs.artifactStore());
    this.reuse = settings.cache();
    this.classpath = settings.stepClasspath();
  }

  /**
   * For a resumed run: the steps that succeeded before stand in downstream keys for their own keys,
   * as they did when they ran, so a step run after the resume gets the key a fresh run would give it.
   */
  void succeededEarlier(List<StepRecord> steps) {
    for (StepRecord step : steps) {
      if (step.state().succeeded()) {
        step.cache().flatMap(CacheVerdict::key).ifPresent(key -> outputIdentity.put(step.invocationId(), key));
      }
    }
  }

  /** What was decided for a step about to run: the verdict, and its key when it has one. */
  record Decision(CacheVerdict verdict, Optional<CacheKey> key) {}

  /** The cache verdict of {@code step}, whose upstream steps {@code current} records as done. */
  Decision decide(PlannedStep step, StepPlacement placement, RunRecord current) {
    StepMetadata metadata = placement.metadata();
    if (!metadata.cacheable()) {
      return new Decision(CacheVerdict.off("@Step(cache = false)"), Optional.empty());
    }
    CacheKey key = key(step, placement, current);
    if (!reuse) {
      return new Decision(CacheVerdict.off("the run was started with --no-cache (RunOptions.withoutCache())"),
          Optional.of(key));
    }
    return new Decision(cache.check(key), Optional.of(key));
  }

  /** Records that a step ended with its output (COMPLETED or CACHED), for later runs and downstream keys. */
  void ended(String invocationId, Decision decision, Optional<URI> output, boolean ranNow) {
    decision.key().ifPresent(key -> {
      outputIdentity.put(invocationId, key.value());
      if (ranNow && output.isPresent()) {
        cache.put(key, runId, invocationId, output.get());
      }
    });
  }

  private CacheKey key(PlannedStep step, StepPlacement placement, RunRecord current) {
    StepMetadata metadata = placement.metadata();
    CodeDigest digest = code();
    CacheKey.Builder key = CacheKey.builder(metadata.declaringClass() + "#" + metadata.method())
        .classes(digest.reachable(List.of(metadata.declaringClass(), metadata.entrypointClass())))
        .jars(digest.libraries())
        .setting("submitArgs", String.join("\n", metadata.sparkSettings().map(StepMetadata.Spark::submitArgs)
            .orElse(List.of())))
        .setting("submit_kwargs", new TreeMap<>(placement.operator().map(StepOperator::resultSettings)
            .orElse(Map.of())).toString());
    try {
      for (PlannedInput input : step.inputs()) {
        if (input instanceof PlannedInput.Upstream upstream) {
          key.upstream(input.name(), upstreamIdentity(upstream.invocationId(), current));
        } else {
          key.input(input.name(), ArtifactDigest.of(runs.artifactStore(),
              runs.literalInput(runId, step.invocationId(), input.name())));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the inputs of step '" + step.invocationId()
          + "' to compute its cache key", e);
    }
    return key.build();
  }

  private String upstreamIdentity(String upstream, RunRecord current) throws IOException {
    String known = outputIdentity.get(upstream);
    if (known != null) {
      return known;
    }
    URI output = current.step(upstream).flatMap(StepRecord::output).orElseThrow(() -> new IllegalStateException(
        "upstream step '" + upstream + "' has no output"));
    String digest = "content:" + ArtifactDigest.of(runs.artifactStore(), output);
    outputIdentity.put(upstream, digest);
    return digest;
  }

  /** Built by the first step that needs a key, then shared: it remembers every class and jar it read. */
  private synchronized CodeDigest code() {
    if (code == null) {
      code = CodeDigest.of(classpath);
    }
    return code;
  }
}

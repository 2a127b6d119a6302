package dev.stepwise.operator;

import dev.stepwise.artifact.ArtifactStore;
import dev.stepwise.stack.ResolvedStack;
import dev.stepwise.step.StepMetadata;
import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a step operator knows about the step it launches.
 *
 * @param runId the pipeline run
 * @param pipelineName the pipeline's name
 * @param invocationId the step's invocation in the pipeline ({@code train}, {@code train_2})
 * @param metadata the step's compile-time metadata (resources, Spark settings, entrypoint class)
 * @param specUri the step run spec the entrypoint reads ({@code --spec})
 * @param resultUri where the entrypoint writes its result record
 * @param stack the stack of this run (not whatever stack is active when the operator runs)
 * @param artifactStore the run's artifact store
 * @param log where the step's output lines go
 * @param sparkConf the run's Spark overrides for this step (they win over component and annotations)
 * @param attempt which attempt of the step this launch is, from 1 ({@code @Step(retries)}); an
 *     operator that names what it creates keeps attempts apart (a driver pod per attempt)
 * @param reattach this attempt was launched by an orchestrator that died and may still run on a
 *     cluster ({@code stepwise run resume}): an operator that can find it (a driver pod, a standalone
 *     cluster-mode driver) follows it instead of submitting it again; one that cannot launches anew
 */
public record StepRunInfo(
    String runId,
    String pipelineName,
    String invocationId,
    StepMetadata metadata,
    URI specUri,
    URI resultUri,
    ResolvedStack stack,
    ArtifactStore artifactStore,
    StepLog log,
    Map<String, String> sparkConf,
    int attempt,
    boolean reattach) {

  public StepRunInfo {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(pipelineName, "pipelineName");
    Objects.requireNonNull(invocationId, "invocationId");
    Objects.requireNonNull(metadata, "metadata");
    Objects.requireNonNull(specUri, "specUri");
    Objects.requireNonNull(resultUri, "resultUri");
    Objects.requireNonNull(stack, "stack");
    Objects.requireNonNull(artifactStore, "artifactStore");
    Objects.requireNonNull(log, "log");
    sparkConf = sparkConf == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(sparkConf));
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt " + attempt + " of step '" + invocationId + "': attempts count from 1");
    }
  }

  /** Attempt {@code attempt}, launched anew. */
  public StepRunInfo(String runId, String pipelineName, String invocationId, StepMetadata metadata, URI specUri,
      URI resultUri, ResolvedStack stack, ArtifactStore artifactStore, StepLog log, Map<String, String> sparkConf,
      int attempt) {
    this(runId, pipelineName, invocationId, metadata, specUri, resultUri, stack, artifactStore, log, sparkConf, attempt,
        false);
  }

  /** The first attempt. */
  public StepRunInfo(String runId, String pipelineName, String invocationId, StepMetadata metadata, URI specUri,
      URI resultUri, ResolvedStack stack, ArtifactStore artifactStore, StepLog log, Map<String, String> sparkConf) {
    this(runId, pipelineName, invocationId, metadata, specUri, resultUri, stack, artifactStore, log, sparkConf, 1);
  }

  public StepRunInfo(String runId, String pipelineName, String invocationId, StepMetadata metadata, URI specUri,
      URI resultUri, ResolvedStack stack, ArtifactStore artifactStore, StepLog log) {
    this(runId, pipelineName, invocationId, metadata, specUri, resultUri, stack, artifactStore, log, Map.of());
  }

  public String stepName() {
    return metadata.name();
  }
}

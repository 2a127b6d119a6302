package dev.stepwise.step;

import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a step entrypoint needs to run one step invocation, stored as JSON in the artifact
 * store and named on the entrypoint's command line ({@code --spec <uri>}). It holds only
 * addresses, never credentials: a remote entrypoint gets those from its environment.
 *
 * @param runId the pipeline run
 * @param pipelineName the pipeline's name
 * @param stepName the step's name (checked against the entrypoint's own signature)
 * @param invocationId the invocation within the pipeline ({@code train}, {@code train_2})
 * @param artifactStoreRoot the root of the run's artifact store; the entrypoint opens it from this
 * @param inputs per input parameter name, the URI of the artifact directory to load
 * @param output the artifact directory the step's return value is stored into (unused for void)
 * @param result where the entrypoint writes its {@link StepResult}
 */
public record StepRunSpec(
    String runId,
    String pipelineName,
    String stepName,
    String invocationId,
    URI artifactStoreRoot,
    Map<String, URI> inputs,
    URI output,
    URI result) {

  public StepRunSpec {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(pipelineName, "pipelineName");
    Objects.requireNonNull(stepName, "stepName");
    Objects.requireNonNull(invocationId, "invocationId");
    Objects.requireNonNull(artifactStoreRoot, "artifactStoreRoot");
    inputs = inputs == null ? Map.of() : Map.copyOf(inputs);
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(result, "result");
  }
}

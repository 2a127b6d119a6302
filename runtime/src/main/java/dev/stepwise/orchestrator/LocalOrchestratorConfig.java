package dev.stepwise.orchestrator;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Config of the {@code local} orchestrator flavor.
 *
 * @param maxParallelism how many independent steps may run at once (default: the number of CPUs)
 */
public record LocalOrchestratorConfig(@JsonProperty("max_parallelism") Integer maxParallelism) {

  public int parallelism() {
    return maxParallelism == null ? Runtime.getRuntime().availableProcessors() : maxParallelism;
  }
}

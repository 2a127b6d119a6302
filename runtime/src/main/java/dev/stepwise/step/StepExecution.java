package dev.stepwise.step;

import dev.stepwise.artifact.ArtifactException;
import dev.stepwise.artifact.ArtifactStorage;
import dev.stepwise.support.JsonCodec;
import java.io.IOException;
import java.lang.reflect.Type;
import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one step invocation from its spec: load inputs, call the step, store the output, write the
 * result record. The entrypoint in a child JVM and the orchestrator running a step in-process share
 * this code, so a step behaves the same wherever it runs.
 */
public final class StepExecution {
  private static final Logger LOG = LoggerFactory.getLogger(StepExecution.class);

  private final ArtifactStorage storage;
  private final boolean stopCreatedSparkSession;
  private final boolean durableResult;

  private StepExecution(ArtifactStorage storage, boolean stopCreatedSparkSession, boolean durableResult) {
    this.storage = storage;
    this.stopCreatedSparkSession = stopCreatedSparkSession;
    this.durableResult = durableResult;
  }

  /**
   * For a step's own JVM (an entrypoint): a Spark session it created is stopped at the end, and its
   * result record is written durably, since it outlives the process and is read by the orchestrator.
   */
  public static StepExecution inStepProcess(ArtifactStorage storage) {
    return new StepExecution(storage, true, true);
  }

  /**
   * For a step run inside the orchestrator: the Spark session is kept for later steps, and the result
   * record is written without waiting for the disk. The orchestrator records the step's end durably
   * itself; the result record only tells the settling of a run whose orchestrator was killed that the
   * step had ended, and a kill leaves it whole. A power cut may lose it, and the step is then settled
   * as having died while it ran, as it would have been a moment earlier.
   */
  public static StepExecution inOrchestrator(ArtifactStorage storage) {
    return new StepExecution(storage, false, false);
  }

  /** Runs the step and writes the result record (best effort); never throws for step problems. */
  public StepResult execute(StepRunSpec spec, StepProgram program) {
    StepResult result = run(spec, program);
    try {
      byte[] json = JsonCodec.mapper().writeValueAsBytes(result);
      if (durableResult) {
        storage.store().write(spec.result(), json);
      } else {
        storage.store().writeUnsynced(spec.result(), json);
      }
    } catch (IOException | RuntimeException e) {
      LOG.error("could not write the result record {}: {}", spec.result(), e.toString());
    }
    return result;
  }

  private StepResult run(StepRunSpec spec, StepProgram program) {
    Instant started = Instant.now();
    StepSignature signature = program.signature();
    if (!signature.stepName().equals(spec.stepName())) {
      return StepResult.failure(StepExitCode.BAD_ARGUMENTS_OR_SPEC, StepError.of("the spec is for step '"
          + spec.stepName() + "' but this entrypoint runs step '" + signature.stepName()
          + "'; launch " + spec.stepName() + "'s entrypoint class"), started);
    }
    Set<String> expected = new HashSet<>();
    signature.inputs().forEach(p -> expected.add(p.name()));
    Set<String> unexpected = new HashSet<>(spec.inputs().keySet());
    unexpected.removeAll(expected);
    if (!unexpected.isEmpty()) {
      return StepResult.failure(StepExitCode.BAD_ARGUMENTS_OR_SPEC, StepError.of("the spec names inputs "
          + unexpected + " that step '" + signature.stepName() + "' does not have; its inputs are "
          + expected), started);
    }

    Map<String, Object> values = new HashMap<>();
    for (StepParameter parameter : signature.inputs()) {
      URI uri = spec.inputs().get(parameter.name());
      if (uri == null) {
        return StepResult.failure(StepExitCode.INPUT_NOT_LOADED, StepError.of("the spec gives no "
            + "artifact for input '" + parameter.name() + "' of step '" + signature.stepName() + "'"),
            started);
      }
      try {
        values.put(parameter.name(), storage.load(uri, parameter.type()));
      } catch (RuntimeException e) { // an ArtifactException too
        return StepResult.failure(StepExitCode.INPUT_NOT_LOADED,
            StepError.of("input '" + parameter.name() + "' could not be loaded", e), started);
      }
    }

    SparkSessions spark = signature.needsSparkSession() ? new SparkSessions() : null;
    try {
      return invokeAndStore(program, spec, values, spark, started);
    } finally {
      // after the output is stored: a Dataset<Row> output is written through this very session
      if (spark != null && stopCreatedSparkSession) {
        spark.stopIfCreated();
      }
    }
  }

  private StepResult invokeAndStore(
      StepProgram program, StepRunSpec spec, Map<String, Object> values, SparkSessions spark, Instant started) {
    StepSignature signature = program.signature();
    Object output;
    try {
      output = program.invoke(new LoadedInputs(values, spark));
    } catch (Throwable t) {
      if (t instanceof VirtualMachineError fatal && !(t instanceof StackOverflowError)) {
        throw fatal; // the JVM is not fit to go on; the entrypoint exits with ENTRYPOINT_FAILED
      }
      return StepResult.failure(StepExitCode.STEP_FAILED,
          StepError.of("step '" + signature.stepName() + "' threw", t), started);
    }

    Optional<Type> outputType = signature.outputType();
    if (outputType.isEmpty()) {
      return StepResult.success(Optional.empty(), started);
    }
    try {
      storage.save(spec.output(), output, outputType.get());
    } catch (RuntimeException e) { // an ArtifactException too
      return StepResult.failure(StepExitCode.OUTPUT_NOT_STORED,
          StepError.of("the output of step '" + signature.stepName() + "' could not be stored", e),
          started);
    }
    return StepResult.success(Optional.of(spec.output()), started);
  }

  /** Inputs already loaded; the Spark session only on request. */
  private record LoadedInputs(Map<String, Object> values, SparkSessions spark) implements StepInputs {
    @Override
    @SuppressWarnings("unchecked")
    public <T> T value(String name) {
      if (!values.containsKey(name)) {
        throw new IllegalArgumentException("no input named '" + name + "'; inputs are " + values.keySet());
      }
      return (T) values.get(name);
    }

    @Override
    public org.apache.spark.sql.SparkSession sparkSession() {
      if (spark == null) {
        throw new IllegalStateException("this step's signature declares no SparkSession parameter");
      }
      return spark.obtain();
    }
  }
}

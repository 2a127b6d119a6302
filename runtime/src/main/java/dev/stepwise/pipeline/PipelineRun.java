package dev.stepwise.pipeline;

import dev.stepwise.orchestrator.RunHandle;
import dev.stepwise.orchestrator.RunRecord;
import dev.stepwise.orchestrator.RunState;
import dev.stepwise.orchestrator.StepRecord;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A run of a {@link Pipeline}: its id and state, its steps' records, and typed access to outputs.
 *
 * <pre>{@code
 * PipelineRun run = pipeline.run();
 * if (run.state() == RunState.COMPLETED) {
 *   long words = run.output(words);   // words is the StepOutput<Long> from the definition
 * }
 * }</pre>
 */
public final class PipelineRun {
  private final RunHandle handle;

  PipelineRun(RunHandle handle) {
    this.handle = handle;
  }

  public String runId() {
    return handle.runId();
  }

  public RunState state() {
    return handle.record().state();
  }

  /** The run as recorded now. */
  public RunRecord record() {
    return handle.record();
  }

  public List<StepRecord> steps() {
    return handle.record().steps();
  }

  public Optional<StepRecord> step(StepOutput<?> output) {
    return handle.record().step(output.invocationId());
  }

  /** Why the stored record of this run is stale (it could not be written); empty when it is current. */
  public Optional<String> recordProblem() {
    return handle.recordProblem();
  }

  /** Waits for the run to end. */
  public PipelineRun await() throws InterruptedException {
    handle.await();
    return this;
  }

  /** Waits at most {@code timeout}; true when the run has ended. */
  public boolean await(Duration timeout) throws InterruptedException {
    return handle.await(timeout).isPresent();
  }

  /** Cancels the run, stopping its running steps and their processes; returns once it has ended. */
  public PipelineRun cancel() throws InterruptedException {
    handle.cancel();
    return this;
  }

  /**
   * The stored output of a completed step, typed by its handle. Throws
   * {@link IllegalStateException} when that step did not complete (the message says why).
   */
  @SuppressWarnings("unchecked")
  public <T> T output(StepOutput<T> output) {
    return (T) handle.output(output.invocationId());
  }
}

package dev.stepwise.orchestrator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.operator.InfrastructureFailure;
import dev.stepwise.operator.StepState;
import dev.stepwise.support.JsonCodec;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What is retried and what is not, case by case; and records from before retries still read. */
class RetryPolicyTest {

  private static boolean retried(Optional<Integer> code, boolean resultRecord, Optional<InfrastructureFailure> infra) {
    return RetryPolicy.judge(new RetryPolicy.AttemptEnd(true, code, resultRecord, Optional.empty(), infra)).retryable();
  }

  @Test
  void exitCodes() {
    assertTrue(retried(Optional.of(66), true, Optional.empty()), "the step threw");
    assertTrue(retried(Optional.of(70), false, Optional.empty()), "the entrypoint died");
    assertTrue(retried(Optional.of(137), false, Optional.empty()), "the JVM was killed, no result record");
    assertTrue(retried(Optional.of(0), false, Optional.empty()), "spark-submit 0 but no result record: the driver died");
    assertFalse(retried(Optional.of(64), false, Optional.empty()), "bad arguments or spec");
    assertFalse(retried(Optional.of(64), true, Optional.empty()), "bad spec");
    assertFalse(retried(Optional.of(65), true, Optional.empty()), "input not loaded");
    assertFalse(retried(Optional.of(67), true, Optional.empty()), "output not stored");
  }

  @Test
  void infrastructureFailures() {
    // Kubernetes' OOMKilled driver ends 137 without a result record; a lost pod ends 70
    assertTrue(retried(Optional.of(137), false, Optional.of(InfrastructureFailure.OUT_OF_MEMORY)));
    assertTrue(retried(Optional.of(70), false, Optional.of(InfrastructureFailure.DRIVER_LOST)));
    // a refused submission also ends 70, yet a bad spec never passes by itself
    assertFalse(retried(Optional.of(70), false, Optional.of(InfrastructureFailure.SUBMISSION_FAILED)));
    assertFalse(retried(Optional.of(70), false, Optional.of(InfrastructureFailure.NOT_STARTED)));
  }

  @Test
  void timeoutsAndUnlaunchedStepsAreNotRetried() {
    assertFalse(RetryPolicy.judge(new RetryPolicy.AttemptEnd(true, Optional.of(143), false,
        Optional.of(Duration.ofMinutes(5)), Optional.empty())).retryable());
    assertFalse(RetryPolicy.judge(new RetryPolicy.AttemptEnd(false, Optional.empty(), false, Optional.empty(),
        Optional.empty())).retryable());
  }

  @Test
  void backoffDoublesFromTheRunsDelay() {
    RunSettings settings = new RunSettings(0, java.util.Map.of(), List.of(), java.util.Map.of(), java.util.Map.of(),
        Duration.ofSeconds(2), true);
    assertEquals(List.of(Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8)),
        List.of(settings.backoffBefore(2), settings.backoffBefore(3), settings.backoffBefore(4)));
    assertEquals(RunSettings.DEFAULT_RETRY_DELAY, RunSettings.defaults().retryDelay());
    assertTrue(settings.backoffBefore(500).compareTo(Duration.ofDays(365)) > 0, "a huge attempt number does not overflow");
  }

  @Test
  void stepRecordsWrittenBeforeRetriesReadWithNoAttempts() throws Exception {
    String old = """
        {"invocationId":"square","stepName":"square","stepOperator":null,"upstream":[],"state":"COMPLETED",
         "startedAt":"2026-01-01T00:00:00Z","endedAt":"2026-01-01T00:00:01Z","exitCode":0,"error":null,
         "output":"file:///tmp/out","log":"file:///tmp/log.txt","logTail":[]}
        """;
    StepRecord step = JsonCodec.mapper().readValue(old, StepRecord.class);
    assertEquals(StepState.COMPLETED, step.state());
    assertEquals(0, step.retries());
    assertEquals(List.of(), step.attempts());
    StepRecord back = JsonCodec.mapper().readValue(JsonCodec.mapper().writeValueAsString(
        step.withAttempt(new StepAttempt(1, java.time.Instant.EPOCH, Optional.of(java.time.Instant.EPOCH),
            Optional.of(66), Optional.of("threw"), Optional.of("retried: the step threw (exit 66)")))), StepRecord.class);
    assertEquals(1, back.attempts().size());
    assertEquals(Optional.of("threw"), back.attempts().get(0).reason());
  }
}

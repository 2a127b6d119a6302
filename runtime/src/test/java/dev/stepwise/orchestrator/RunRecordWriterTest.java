package dev.stepwise.orchestrator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stepwise.artifact.LocalArtifactStore;
import dev.stepwise.cache.CacheVerdict;
import dev.stepwise.operator.StepState;
import dev.stepwise.step.StepError;
import dev.stepwise.support.JsonCodec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writer of a run's record reuses the text of steps that did not change; what it writes must be
 * exactly what the one JSON configuration writes for the whole record, before and after changes.
 */
class RunRecordWriterTest {
  @TempDir Path root;

  @Test
  void writesTheSameBytesAsTheWholeRecordSerializedAfterEveryChange() throws Exception {
    RunStore runs = new RunStore(new LocalArtifactStore(root));
    RunRecordWriter writer = new RunRecordWriter(runs);
    List<StepRecord> steps = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      steps.add(new StepRecord("step_" + i, "step", i == 3 ? Optional.of("local_ops") : Optional.empty(),
          i == 0 ? List.of() : List.of("step_" + (i - 1)), StepState.PENDING, Optional.empty(), Optional.empty(),
          Optional.empty(), Optional.empty(), Optional.empty(), URI.create("file:///runs/r/steps/step_" + i + "/log.txt"),
          List.of(), 2, List.of(), Optional.empty()));
    }
    RunRecord record = new RunRecord("r", "p", "default", RunState.RUNNING, Instant.parse("2026-01-02T03:04:05Z"),
        Optional.empty(), Optional.empty(), Optional.of(RunRecord.OrchestratorProcess.current()), steps);
    assertSameBytes(writer, record);

    Instant now = Instant.parse("2026-01-02T03:04:06.123456789Z");
    record = record.withStep("step_0", s -> s.running(now).withCache(CacheVerdict.off("the run said \"no\"\n")));
    assertSameBytes(writer, record);
    record = record.withStep("step_0", s -> s.withAttempt(new StepAttempt(1, now, Optional.of(now), Optional.of(0),
        Optional.empty(), Optional.empty())).ended(StepState.COMPLETED, Optional.of(0), Optional.empty(),
        Optional.of(URI.create("file:///runs/r/steps/step_0/output/")), now));
    assertSameBytes(writer, record);
    // an error with a stack trace: newlines and tabs inside strings, a multi-line log tail, non-ASCII text
    record = record.withStep("step_1", s -> s.running(now).ended(StepState.FAILED, Optional.of(1),
        Optional.of(StepError.of("ünïcode\tfailure", new IllegalStateException("line one\nline two"))),
        Optional.empty(), now).withLogTail(List.of("last {", "  \"lines\" : [ ]", "}")));
    assertSameBytes(writer, record);
    record = record.withStep("step_3", s -> s.detached("spark-submit pid 7"));
    assertSameBytes(writer, record);
    record = record.ended(RunState.FAILED, now, Optional.of("failed steps: [step_1]"));
    assertSameBytes(writer, record);

    writer.write(record);
    RunRecord stored = runs.describe("r").orElseThrow();
    assertEquals(record, stored);
  }

  @Test
  void aRecordWithoutStepsIsWrittenAsTheCodecWritesIt() throws Exception {
    RunRecordWriter writer = new RunRecordWriter(new RunStore(new LocalArtifactStore(root)));
    assertSameBytes(writer, new RunRecord("empty", "p", "default", RunState.COMPLETED, Instant.EPOCH,
        Optional.of(Instant.EPOCH), Optional.empty(), Optional.empty(), List.of()));
  }

  private static void assertSameBytes(RunRecordWriter writer, RunRecord record) throws Exception {
    byte[] expected = JsonCodec.mapper().writeValueAsBytes(record);
    byte[] written = writer.serialize(record);
    assertArrayEquals(expected, written, () -> "expected\n" + new String(expected, StandardCharsets.UTF_8)
        + "\nbut the writer gave\n" + new String(written, StandardCharsets.UTF_8));
  }
}

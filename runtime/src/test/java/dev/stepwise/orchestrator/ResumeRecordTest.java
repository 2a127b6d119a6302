package dev.stepwise.orchestrator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.artifact.LocalArtifactStore;
import dev.stepwise.support.JsonCodec;
import dev.stepwise.support.StepwiseException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a run keeps for {@code stepwise run resume}, and the guard that one process drives a run: a
 * secret run override is never stored and must be given again; of two processes resuming a run at
 * once, the later claim yields to a live earlier one, and a dead claimant's claim does not count.
 */
class ResumeRecordTest {
  @TempDir Path dir;

  @Test
  void aSecretRunOverrideIsStoredMaskedAndMustBeGivenAgainToResume() throws Exception {
    RunSettings started = new RunSettings(2, Map.of(), List.of(), Map.of("TOKEN", "t0p"),
        Map.of("*", Map.of("spark.hadoop.fs.s3a.secret.key", "s3cr3t", "spark.executor.instances", "2")),
        Duration.ofSeconds(3), false);
    RunOrigin origin = RunOrigin.of(new PipelinePlan("p", List.of(), Optional.of("com.acme.P")), started);
    String stored = JsonCodec.mapper().writeValueAsString(origin);
    assertFalse(stored.contains("s3cr3t") || stored.contains("t0p"), stored);
    assertEquals(RunOrigin.MASK, origin.sparkConf().get("*").get("spark.hadoop.fs.s3a.secret.key"));

    StepwiseException refused = assertThrows(StepwiseException.class, () -> origin.settings("r1", Map.of(), Map.of()));
    assertTrue(refused.getMessage().contains("--conf spark.hadoop.fs.s3a.secret.key=..."), refused.getMessage());

    RunSettings resumed = origin.settings("r1", Map.of("*", Map.of("spark.hadoop.fs.s3a.secret.key", "s3cr3t")),
        Map.of());
    assertEquals("s3cr3t", resumed.sparkConf().get("*").get("spark.hadoop.fs.s3a.secret.key"));
    assertEquals("2", resumed.sparkConf().get("*").get("spark.executor.instances"));
    assertEquals(2, resumed.parallelism());
    assertEquals(Duration.ofSeconds(3), resumed.retryDelay());
    assertFalse(resumed.cache());
  }

  @Test
  void aLiveEarlierClaimWinsAndADeadOneDoesNot() throws Exception {
    RunStore runs = new RunStore(new LocalArtifactStore(dir));
    Path claims = Files.createDirectories(dir.resolve("runs/r1/claims"));
    // a claim older than any this process makes, by a process that is alive (this one, seen from a test)
    Files.write(claims.resolve("0000000000001-1"), JsonCodec.mapper().writeValueAsBytes(
        RunRecord.OrchestratorProcess.current()));
    StepwiseException refused = assertThrows(StepwiseException.class, () -> runs.claimResume("r1"));
    assertTrue(refused.getMessage().contains("is being resumed by another process"), refused.getMessage());
    try (var left = Files.list(claims)) {
      assertEquals(1, left.count(), "the refused claim was taken back");
    }

    // the same claim by a process that is surely gone (booted before this host's last boot) does not count
    RunRecord.OrchestratorProcess me = RunRecord.OrchestratorProcess.current();
    RunRecord.OrchestratorProcess gone = new RunRecord.OrchestratorProcess(me.host(), me.pid(), me.startTicks(),
        Optional.of("another-boot"), me.pidNamespace());
    Files.write(claims.resolve("0000000000001-1"), JsonCodec.mapper().writeValueAsBytes(gone));
    RunStore.Claim claim = runs.claimResume("r1");
    assertTrue(Files.exists(Path.of(claim.uri())));
    claim.release();
    assertFalse(Files.exists(Path.of(claim.uri())));
  }
}

package dev.stepwise.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.artifact.ArtifactException;
import dev.stepwise.artifact.ArtifactStorage;
import dev.stepwise.artifact.ArtifactStore;
import dev.stepwise.artifact.Materializers;
import dev.stepwise.flavor.ComponentContext;
import dev.stepwise.operator.StepState;
import dev.stepwise.orchestrator.RunRecord;
import dev.stepwise.orchestrator.RunState;
import dev.stepwise.orchestrator.RunStore;
import dev.stepwise.orchestrator.StepRecord;
import dev.stepwise.secret.SecretStore;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

class S3ArtifactStoreTest {
  static S3TestServer server;
  @TempDir Path configDir;

  @BeforeAll
  static void startServer() throws Exception {
    server = S3TestServer.start();
    server.createBucket("artifacts");
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  private S3ArtifactStore store(String prefix) {
    new SecretStore(configDir).create("s3_test", Map.of(
        S3Credentials.ACCESS_KEY_ID, S3TestServer.ACCESS_KEY, S3Credentials.SECRET_ACCESS_KEY, S3TestServer.SECRET_KEY));
    S3ArtifactStoreConfig config = new S3ArtifactStoreConfig(
        "s3://artifacts/" + prefix, server.endpoint().toString(), null, null, "s3_test");
    S3ArtifactStoreFlavor flavor = new S3ArtifactStoreFlavor();
    assertEquals(List.of(), flavor.validateConfig(config));
    return flavor.create("s3_store", config, new ComponentContext(configDir));
  }

  @Test
  void writesReadsListsAndDeletes() throws IOException {
    try (S3ArtifactStore store = store("rw")) {
      assertFalse(store.isLocal());
      assertEquals(URI.create("s3://artifacts/rw/"), store.root());
      URI a = store.resolve("runs/r1/run.json");
      assertEquals(URI.create("s3://artifacts/rw/runs/r1/run.json"), a);
      assertFalse(store.exists(a));
      store.write(a, "{\"x\":1}".getBytes(StandardCharsets.UTF_8));
      store.write(store.resolve("runs/r1/steps/s/log.txt"), out -> out.write("hello".getBytes(StandardCharsets.UTF_8)));
      store.write(store.resolve("runs/r2/run.json"), new byte[0]);
      assertTrue(store.exists(a));
      assertTrue(store.exists(store.resolve("runs/r1/")), "a prefix with objects exists like a directory");
      assertArrayEquals("{\"x\":1}".getBytes(StandardCharsets.UTF_8), store.read(a));
      assertEquals(List.of(store.resolve("runs/r1/"), store.resolve("runs/r2/")), store.list(store.resolve("runs/")));
      assertEquals(List.of(store.resolve("runs/r1/run.json"), store.resolve("runs/r1/steps/")),
          store.list(store.resolve("runs/r1")));
      assertEquals(List.of(), store.list(store.resolve("nothing/")));
      assertThrows(NoSuchFileException.class, () -> store.open(store.resolve("missing.json")));

      store.delete(store.resolve("runs/r1/"));
      assertFalse(store.exists(a));
      assertEquals(List.of(store.resolve("runs/r2/")), store.list(store.resolve("runs/")));
      assertThrows(IllegalArgumentException.class, () -> store.resolve("../escape"));
      assertThrows(IllegalArgumentException.class, () -> store.read(URI.create("s3://artifacts/other/x")));
    }
  }

  @Test
  void listsPastOnePageOfResults() throws IOException {
    try (S3ArtifactStore store = store("many"); S3Client raw = server.client()) {
      // s3proxy pages at 1000 keys; 1005 children need a second page
      IntStream.range(0, 1005).parallel().forEach(i ->
          raw.putObject(b -> b.bucket("artifacts").key(String.format("many/items/%04d", i)),
              software.amazon.awssdk.core.sync.RequestBody.fromBytes(new byte[] {1})));
      List<URI> listed = store.list(store.resolve("items/"));
      assertEquals(1005, listed.size());
      assertEquals(store.resolve("items/1004"), listed.get(1004));
      store.delete(store.resolve("items"));
      assertEquals(List.of(), store.list(store.resolve("items/")));
    }
  }

  @Test
  void aFailedWriteLeavesThePreviousContentAndNoPartialObject() throws IOException {
    try (S3ArtifactStore store = store("atomic")) {
      URI record = store.resolve("runs/r/run.json");
      store.write(record, "old".getBytes(StandardCharsets.UTF_8));
      assertThrows(IOException.class, () -> store.write(record, out -> {
        out.write("new-but-broken".getBytes(StandardCharsets.UTF_8));
        throw new IOException("writer failed half-way");
      }));
      assertEquals("old", new String(store.read(record), StandardCharsets.UTF_8));
      URI fresh = store.resolve("runs/r/other.json");
      assertThrows(IOException.class, () -> store.write(fresh, out -> {
        out.write('x');
        throw new IOException("boom");
      }));
      assertFalse(store.exists(fresh));
    }
  }

  @Test
  void jsonArtifactsRoundTripAndAnIncompleteOneIsNotTaken() throws Exception {
    try (S3ArtifactStore store = store("json")) {
      ArtifactStorage storage = new ArtifactStorage(store, Materializers.discover());
      URI dir = store.resolve("runs/r/steps/count/output/");
      record Counts(String word, long count) {}
      storage.save(dir, new Counts("spark", 42), Counts.class);
      assertTrue(storage.exists(dir));
      assertEquals(new Counts("spark", 42), storage.load(dir, Counts.class));
      // data without its artifact.json (a writer that died before the marker) is not an artifact
      store.delete(ArtifactStorage.child(dir, "artifact.json"));
      assertThrows(ArtifactException.class, () -> storage.load(dir, Counts.class));
    }
  }

  @Test
  void appendedLogsAreVisibleAfterEachFlush() throws IOException {
    try (S3ArtifactStore store = store("logs")) {
      URI log = store.resolve("runs/r/steps/s/log.txt");
      try (OutputStream out = store.append(log)) {
        assertTrue(store.exists(log), "created on open, like a local file");
        out.write("line 1\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
        assertEquals("line 1\n", new String(store.read(log), StandardCharsets.UTF_8));
        out.write("line 2\n".getBytes(StandardCharsets.UTF_8));
      }
      try (OutputStream out = store.append(log)) {
        out.write("line 3\n".getBytes(StandardCharsets.UTF_8));
      }
      assertEquals("line 1\nline 2\nline 3\n", new String(store.read(log), StandardCharsets.UTF_8));
    }
  }

  @Test
  void opensFromTheRootUriWithTheEnvironmentsConnection() throws IOException {
    S3Connection connection = S3Connections.fromEnvironment(URI.create("s3://artifacts/env/"), Map.of(
        S3Connections.ENV_ENDPOINT, server.endpoint().toString(), S3Connections.ENV_REGION, "us-east-1"));
    assertTrue(connection.pathStyle(), "an explicit endpoint defaults to path-style access");
    assertEquals("env", connection.location().prefix());
    assertTrue(ArtifactStore.at(URI.create("s3://artifacts/env/")) instanceof S3ArtifactStore,
        "the s3 scheme is registered for ArtifactStore.at");
  }

  @Test
  void runRecordsListAndDescribeThroughTheRunStore() throws IOException {
    try (S3ArtifactStore store = store("runs")) {
      RunStore runs = new RunStore(store);
      Instant t0 = Instant.parse("2026-01-01T10:00:00Z");
      URI log = runs.stepFile("older", "count", "log.txt");
      StepRecord step = new StepRecord("count", "count", Optional.empty(), List.of(), StepState.COMPLETED,
          Optional.of(t0), Optional.of(t0.plusSeconds(1)), Optional.of(0), Optional.empty(), Optional.empty(), log);
      runs.write(new RunRecord("older", "p", "s3_stack", RunState.COMPLETED, t0, Optional.of(t0.plusSeconds(2)),
          Optional.empty(), Optional.empty(), List.of(step)));
      runs.write(new RunRecord("newer", "p", "s3_stack", RunState.RUNNING, t0.plusSeconds(60), Optional.empty(),
          Optional.empty(), Optional.empty(), List.of()));
      try (OutputStream out = store.append(log)) {
        out.write("counted 42 words\n".getBytes(StandardCharsets.UTF_8));
      }
      assertEquals(List.of("newer", "older"), runs.list().stream().map(RunRecord::runId).toList());
      RunRecord described = runs.describe("older").orElseThrow();
      assertEquals(RunState.COMPLETED, described.state());
      assertEquals(log, described.steps().get(0).log());
      assertEquals(Optional.empty(), runs.describe("absent"));
      assertTrue(runs.logs("older", Optional.of("count")).contains("counted 42 words"));
    }
  }
}

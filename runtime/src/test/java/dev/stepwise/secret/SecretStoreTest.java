package dev.stepwise.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretStoreTest {
  @TempDir Path configDir;

  @Test
  void createsTheFileOwnerOnlyAndKeepsItSoAcrossUpdates() throws Exception {
    SecretStore store = new SecretStore(configDir);
    store.create("minio", Map.of("aws_access_key_id", "AKIA1", "aws_secret_access_key", "s3cr3t"));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file())));
    store.update("minio", Map.of("aws_session_token", "tok"));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file())));
    assertEquals(Map.of("aws_access_key_id", "AKIA1", "aws_secret_access_key", "s3cr3t", "aws_session_token", "tok"),
        store.get("minio").values());
    try (var leftovers = Files.list(configDir)) {
      assertEquals(List.of("secrets.json", "secrets.json.lock"),
          leftovers.map(p -> p.getFileName().toString()).sorted().toList(), "no temp file remains");
    }
  }

  @Test
  void refusesAFileOthersCanReadAndSaysHowToFixIt() throws Exception {
    SecretStore store = new SecretStore(configDir);
    store.create("minio", Map.of("aws_access_key_id", "AKIA1"));
    Files.setPosixFilePermissions(store.file(), PosixFilePermissions.fromString("rw-r--r--"));
    SecretException e = assertThrows(SecretException.class, () -> store.get("minio"));
    assertTrue(e.getMessage().contains("chmod 600 " + store.file()), e.getMessage());
    assertThrows(SecretException.class, store::list);
    assertThrows(SecretException.class, () -> store.update("minio", Map.of("k", "v")));
    Files.setPosixFilePermissions(store.file(), PosixFilePermissions.fromString("rw-------"));
    assertEquals(List.of("minio"), store.list());
  }

  @Test
  void describesWithMaskedValuesAndNeverPrintsThem() {
    SecretStore store = new SecretStore(configDir);
    store.create("aws", Map.of("aws_access_key_id", "AKIA1", "aws_secret_access_key", "s3cr3t"));
    Secret secret = store.get("aws");
    assertEquals(Map.of("aws_access_key_id", "***", "aws_secret_access_key", "***"), secret.masked());
    assertFalse(secret.toString().contains("s3cr3t"), secret.toString());
    assertFalse(secret.toString().contains("AKIA1"), secret.toString());
  }

  @Test
  void listsNamesUpdatesByMergingAndDeletes() {
    SecretStore store = new SecretStore(configDir);
    assertEquals(List.of(), store.list());
    store.create("b", Map.of("k", "1"));
    store.create("a", Map.of("k", "2", "j", "3"));
    assertEquals(List.of("a", "b"), store.list());
    store.update("a", Map.of("k", "changed"));
    assertEquals(Map.of("k", "changed", "j", "3"), store.get("a").values());
    store.delete("b");
    assertEquals(List.of("a"), store.list());
  }

  @Test
  void badRequestsNameTheProblemAndTheFix() {
    SecretStore store = new SecretStore(configDir);
    store.create("a", Map.of("k", "1"));
    assertTrue(assertThrows(SecretException.class, () -> store.create("a", Map.of("k", "2")))
        .getMessage().contains("stepwise secret update a"));
    assertTrue(assertThrows(SecretException.class, () -> store.update("nope", Map.of("k", "2")))
        .getMessage().contains("stepwise secret create nope"));
    assertTrue(assertThrows(SecretException.class, () -> store.delete("nope")).getMessage().contains("'nope'"));
    assertTrue(assertThrows(SecretException.class, () -> store.create("bad.name", Map.of("k", "v")))
        .getMessage().contains("not a valid secret name"));
    assertTrue(assertThrows(SecretException.class, () -> store.create("ok", Map.of("bad}key", "v")))
        .getMessage().contains("not a valid key"));
    assertEquals(Map.of("k", "1"), store.get("a").values(), "a refused change keeps what was stored");
  }

  @Test
  void aCorruptFileIsReportedWithoutQuotingItsContent() throws Exception {
    SecretStore store = new SecretStore(configDir);
    store.create("a", Map.of("k", "1"));
    Files.writeString(store.file(), "{\"a\": {\"k\": \"hunter2", StandardCharsets.UTF_8);
    SecretException e = assertThrows(SecretException.class, store::list);
    assertTrue(e.getMessage().contains("not readable JSON"), e.getMessage());
    assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
  }

  @Test
  void concurrentCreatesLoseNothing() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = IntStream.range(0, 16)
          .mapToObj(i -> pool.submit(() -> new SecretStore(configDir).create("s" + i, Map.of("k", "v" + i))))
          .<Future<?>>map(f -> f).toList();
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    assertEquals(16, new SecretStore(configDir).list().size());
  }
}

package dev.stepwise.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretReferencesTest {
  @TempDir Path configDir;

  @Test
  void resolvesWholeAndEmbeddedReferences() {
    SecretStore store = new SecretStore(configDir);
    store.create("minio", Map.of("host", "127.0.0.1", "port", "9000"));
    SecretReferences refs = new SecretReferences(store);
    assertEquals("127.0.0.1", refs.resolve("{{minio.host}}", "endpoint"));
    assertEquals("http://127.0.0.1:9000/", refs.resolve("http://{{ minio.host }}:{{minio.port}}/", "endpoint"));
    assertEquals("plain $1 value", refs.resolve("plain $1 value", "endpoint"));
    assertEquals(List.of(new SecretReferences.Reference("minio", "host")), SecretReferences.find("x{{minio.host}}"));
  }

  @Test
  void unknownSecretOrKeyNamesBothAndTheCommand() {
    SecretStore store = new SecretStore(configDir);
    store.create("minio", Map.of("host", "h"));
    SecretReferences refs = new SecretReferences(store);
    String noSecret = assertThrows(SecretException.class,
        () -> refs.resolve("{{aws.key}}", "artifact store 's3' endpoint")).getMessage();
    assertTrue(noSecret.contains("artifact store 's3' endpoint") && noSecret.contains("no secret 'aws'")
        && noSecret.contains("stepwise secret create aws --key=-"), noSecret);
    String noKey = assertThrows(SecretException.class, () -> refs.resolve("{{minio.port}}", "endpoint")).getMessage();
    assertTrue(noKey.contains("has no key 'port'") && noKey.contains("stepwise secret update minio --port=-"), noKey);
  }

  @Test
  void theConfigValueResolverResolvesNestedStringsAndLeavesOtherValues() {
    SecretStore store = new SecretStore(configDir);
    store.create("db", Map.of("pw", "hunter2"));
    SecretConfigValues resolver = new SecretConfigValues(store);
    assertEquals("hunter2", resolver.resolve("password", "{{db.pw}}"));
    assertEquals(Map.of("spark.x", "hunter2"), resolver.resolve("submit_kwargs", Map.of("spark.x", "{{db.pw}}")));
    assertEquals(List.of("a", "hunter2"), resolver.resolve("args", List.of("a", "{{db.pw}}")));
    assertEquals(true, resolver.resolve("flag", true));
  }
}

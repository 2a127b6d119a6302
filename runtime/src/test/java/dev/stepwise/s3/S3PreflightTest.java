package dev.stepwise.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.flavor.ComponentContext;
import dev.stepwise.flavor.ComponentType;
import dev.stepwise.secret.SecretStore;
import dev.stepwise.stack.StackException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HeadBucket preflight: every broken setup fails fast, naming what to fix; nothing is written. */
class S3PreflightTest {
  static S3TestServer server;
  @TempDir Path configDir;

  @BeforeAll
  static void startServer() throws Exception {
    server = S3TestServer.start();
    server.createBucket("present");
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  private S3ArtifactStore store(String path, String endpoint, String secret) {
    return new S3ArtifactStoreFlavor().create("s3_store",
        new S3ArtifactStoreConfig(path, endpoint, null, null, secret), new ComponentContext(configDir));
  }

  private void secret(String name, String id, String key) {
    new SecretStore(configDir).create(name, Map.of(S3Credentials.ACCESS_KEY_ID, id, S3Credentials.SECRET_ACCESS_KEY, key));
  }

  @Test
  void rightKeysAndAnExistingBucketPass() {
    secret("good", S3TestServer.ACCESS_KEY, S3TestServer.SECRET_KEY);
    store("s3://present/x", server.endpoint().toString(), "good").verifyAccess();
  }

  @Test
  void wrongKeysNameTheSecretAndTheFix() {
    secret("wrong", S3TestServer.ACCESS_KEY, "not-the-secret-key");
    StackException e = assertThrows(StackException.class,
        () -> store("s3://present/x", server.endpoint().toString(), "wrong").verifyAccess());
    assertTrue(e.getMessage().contains("rejected the credentials from secret 'wrong'"), e.getMessage());
    assertTrue(e.getMessage().contains("stepwise secret update wrong"), e.getMessage());
    assertFalse(e.getMessage().contains("not-the-secret-key"), "the message never shows the secret");
    assertEquals(ComponentType.ARTIFACT_STORE, e.problems().get(0).componentType());
    assertEquals("s3_store", e.problems().get(0).componentName());
  }

  @Test
  void aMissingBucketIsNamedWithTheFix() {
    secret("good", S3TestServer.ACCESS_KEY, S3TestServer.SECRET_KEY);
    StackException e = assertThrows(StackException.class,
        () -> store("s3://absent-bucket/x", server.endpoint().toString(), "good").verifyAccess());
    assertTrue(e.getMessage().contains("bucket 'absent-bucket'") && e.getMessage().contains("does not exist"),
        e.getMessage());
    assertTrue(e.getMessage().contains("--path=s3://"), e.getMessage());
  }

  @Test
  void anUnreachableEndpointFailsFastNamingIt() throws Exception {
    secret("good", S3TestServer.ACCESS_KEY, S3TestServer.SECRET_KEY);
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    String endpoint = "http://127.0.0.1:" + closedPort;
    StackException e = assertThrows(StackException.class, () -> store("s3://present/x", endpoint, "good").verifyAccess());
    assertTrue(e.getMessage().contains("cannot reach the S3 endpoint " + endpoint), e.getMessage());
    assertTrue(e.getMessage().contains("--endpoint="), e.getMessage());
  }

  @Test
  void aMissingSecretOrKeyIsReportedBeforeAnyRequest() {
    StackException noSecret = assertThrows(StackException.class,
        () -> store("s3://present/x", server.endpoint().toString(), "nowhere").verifyAccess());
    assertTrue(noSecret.getMessage().contains("no secret named 'nowhere'")
        && noSecret.getMessage().contains("stepwise secret create nowhere"), noSecret.getMessage());

    new SecretStore(configDir).create("half", Map.of(S3Credentials.ACCESS_KEY_ID, "id-only"));
    StackException noKey = assertThrows(StackException.class,
        () -> store("s3://present/x", server.endpoint().toString(), "half").verifyAccess());
    assertTrue(noKey.getMessage().contains("has no 'aws_secret_access_key'")
        && noKey.getMessage().contains("stepwise secret update half --aws_secret_access_key=-"), noKey.getMessage());
  }

  @Test
  void badConfigsAreRefusedByTheFlavor() {
    S3ArtifactStoreFlavor flavor = new S3ArtifactStoreFlavor();
    assertTrue(flavor.validateConfig(new S3ArtifactStoreConfig("bucket/x", null, null, null, null))
        .get(0).contains("must start with s3://"));
    assertTrue(flavor.validateConfig(new S3ArtifactStoreConfig("s3://Bad_Bucket/x", null, null, null, null))
        .get(0).contains("not a valid S3 bucket name"));
    assertTrue(flavor.validateConfig(new S3ArtifactStoreConfig("s3://ok-bucket", "localhost:9000", null, null, null))
        .get(0).contains("'endpoint' must be an http(s) URL"));
    assertTrue(flavor.validateConfig(new S3ArtifactStoreConfig(null, null, null, null, null))
        .get(0).contains("'path' is required"));
    assertEquals(0, flavor.validateConfig(
        new S3ArtifactStoreConfig("s3://ok-bucket/p", "{{minio.endpoint}}", null, true, "minio")).size(),
        "references are checked when resolved, not before");
  }
}

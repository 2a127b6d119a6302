package dev.stepwise.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class S3SparkIoConfigurationTest {
  private static final S3Location LOCATION = S3Location.parse("s3://data/stepwise");

  private static S3Connection connection(Optional<URI> endpoint, Optional<S3Credentials> credentials) {
    return new S3Connection("store", LOCATION, endpoint, "eu-west-1", endpoint.isPresent(), credentials);
  }

  @Test
  void simpleCredentialsGoToTheEnvironmentAndTheProviderReadsThem() {
    S3Credentials credentials = new S3Credentials("minio", "AKIA-ID", "the-secret", Optional.empty());
    S3SparkIo io = S3SparkIoConfiguration.forConnection(
        connection(Optional.of(URI.create("http://127.0.0.1:9000")), Optional.of(credentials)));
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("spark.hadoop.fs.s3.impl", "org.apache.hadoop.fs.s3a.S3AFileSystem");
    expected.put("spark.hadoop.fs.AbstractFileSystem.s3.impl", "org.apache.hadoop.fs.s3a.S3A");
    expected.put("spark.hadoop.fs.s3a.endpoint", "http://127.0.0.1:9000");
    expected.put("spark.hadoop.fs.s3a.connection.ssl.enabled", "false");
    expected.put("spark.hadoop.fs.s3a.path.style.access", "true");
    expected.put("spark.hadoop.fs.s3a.endpoint.region", "eu-west-1");
    expected.put("spark.hadoop.fs.s3a.aws.credentials.provider",
        "software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider");
    assertEquals(List.copyOf(expected.entrySet()), List.copyOf(io.confMap().entrySet()));
    assertTrue(io.conf().stream().allMatch(s -> s.source().equals("io:s3")));

    assertEquals("AKIA-ID", io.environment().get("AWS_ACCESS_KEY_ID"));
    assertEquals("the-secret", io.environment().get("AWS_SECRET_ACCESS_KEY"));
    assertFalse(io.environment().containsKey("AWS_SESSION_TOKEN"));
    assertEquals("http://127.0.0.1:9000", io.environment().get("STEPWISE_S3_ENDPOINT"));
    assertEquals(Set.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"), io.secretEnvironmentNames());
    assertEquals("***", io.shownEnvironment().get("AWS_SECRET_ACCESS_KEY"));
    assertNoSecret(io.toString(), "the-secret", "AKIA-ID");
    io.conf().forEach(s -> assertNoSecret(s.value(), "the-secret", "AKIA-ID"));
  }

  @Test
  void aSessionTokenTravelsTooAndHttpsKeepsSsl() {
    S3Credentials credentials = new S3Credentials("sts", "ASIA-ID", "the-secret", Optional.of("the-token"));
    S3SparkIo io = S3SparkIoConfiguration.forConnection(
        connection(Optional.of(URI.create("https://s3.example.com")), Optional.of(credentials)));
    assertFalse(io.confMap().containsKey("spark.hadoop.fs.s3a.connection.ssl.enabled"));
    assertEquals("the-token", io.environment().get("AWS_SESSION_TOKEN"));
    assertTrue(io.secretEnvironmentNames().contains("AWS_SESSION_TOKEN"));
    assertNoSecret(io.toString(), "the-secret", "the-token");
  }

  @Test
  void withoutASecretS3aKeepsItsDefaultChain() {
    S3SparkIo io = S3SparkIoConfiguration.forConnection(connection(Optional.empty(), Optional.empty()));
    assertFalse(io.confMap().containsKey("spark.hadoop.fs.s3a.aws.credentials.provider"));
    assertFalse(io.confMap().containsKey("spark.hadoop.fs.s3a.endpoint"));
    assertEquals("false", io.confMap().get("spark.hadoop.fs.s3a.path.style.access"));
    assertEquals(Set.of(), io.secretEnvironmentNames());
    assertFalse(io.environment().containsKey("AWS_ACCESS_KEY_ID"));
  }

  @Test
  void kubernetesGetsSecretReferencesByNameOnly() {
    S3Credentials credentials = new S3Credentials("minio", "AKIA-ID", "the-secret", Optional.of("the-token"));
    S3Connection connection = connection(Optional.of(URI.create("http://minio:9000")), Optional.of(credentials));
    Map<String, String> refs = new LinkedHashMap<>();
    S3SparkIoConfiguration.kubernetesSecretRefs(connection, "stepwise-s3").forEach(s -> refs.put(s.key(), s.value()));
    assertEquals("stepwise-s3:aws_access_key_id", refs.get("spark.kubernetes.driver.secretKeyRef.AWS_ACCESS_KEY_ID"));
    assertEquals("stepwise-s3:aws_secret_access_key",
        refs.get("spark.kubernetes.executor.secretKeyRef.AWS_SECRET_ACCESS_KEY"));
    assertEquals("stepwise-s3:aws_session_token", refs.get("spark.kubernetes.driver.secretKeyRef.AWS_SESSION_TOKEN"));
    assertEquals("http://minio:9000", refs.get("spark.kubernetes.driverEnv.STEPWISE_S3_ENDPOINT"));
    refs.values().forEach(v -> assertNoSecret(v, "the-secret", "AKIA-ID", "the-token"));
    assertEquals("the-secret", S3SparkIoConfiguration.kubernetesSecretData(connection).get("aws_secret_access_key"));
  }

  private static void assertNoSecret(String text, String... secrets) {
    for (String secret : secrets) {
      assertFalse(text.contains(secret), "a secret value leaked into: " + text.replace(secret, "<LEAK>"));
    }
  }
}

package dev.stepwise.s3;

import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/** Makes AWS SDK v2 S3 clients for a {@link S3Connection}. */
final class S3Clients {
  private S3Clients() {}

  /** The client for reads and writes: SDK retries, generous timeouts. */
  static S3Client forData(S3Connection connection) {
    return builder(connection, Duration.ofSeconds(10), Duration.ofMinutes(5))
        .overrideConfiguration(ClientOverrideConfiguration.builder().build())
        .build();
  }

  /** The client for the preflight: no retries and short timeouts, so a bad setup fails in seconds. */
  static S3Client forPreflight(S3Connection connection, Duration timeout) {
    return builder(connection, timeout, timeout)
        .overrideConfiguration(ClientOverrideConfiguration.builder()
            .retryStrategy(AwsRetryStrategy.doNotRetry())
            .apiCallTimeout(timeout)
            .apiCallAttemptTimeout(timeout)
            .build())
        .build();
  }

  private static S3ClientBuilder builder(S3Connection connection, Duration connectTimeout, Duration socketTimeout) {
    S3ClientBuilder builder = S3Client.builder()
        .region(Region.of(connection.region()))
        .forcePathStyle(connection.pathStyle())
        .credentialsProvider(credentials(connection))
        .httpClientBuilder(ApacheHttpClient.builder()
            .connectionTimeout(connectTimeout)
            .socketTimeout(socketTimeout));
    connection.endpoint().ifPresentOrElse(builder::endpointOverride, () -> builder.crossRegionAccessEnabled(true));
    return builder;
  }

  private static AwsCredentialsProvider credentials(S3Connection connection) {
    return connection.credentials().<AwsCredentialsProvider>map(c -> {
      AwsCredentials credentials = c.sessionToken()
          .<AwsCredentials>map(token -> AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), token))
          .orElseGet(() -> AwsBasicCredentials.create(c.accessKeyId(), c.secretAccessKey()));
      return StaticCredentialsProvider.create(credentials);
    }).orElseGet(DefaultCredentialsProvider::create);
  }
}

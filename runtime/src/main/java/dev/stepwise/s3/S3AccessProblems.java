package dev.stepwise.s3;

import dev.stepwise.flavor.ComponentType;
import dev.stepwise.flavor.StackProblem;
import dev.stepwise.secret.SecretException;
import dev.stepwise.stack.StackException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The S3 preflight ({@code HeadBucket}) and the messages that turn its failures into fixes. */
final class S3AccessProblems {
  private S3AccessProblems() {}

  static void check(S3Connection connection, Duration timeout) {
    String bucket = connection.location().bucket();
    try (S3Client client = S3Clients.forPreflight(connection, timeout)) {
      client.headBucket(b -> b.bucket(bucket));
    } catch (S3Exception e) {
      throw problem(connection, rejected(connection, e));
    } catch (SdkClientException e) {
      throw problem(connection, clientSide(connection, e, timeout));
    }
  }

  static StackException unresolvable(String componentName, RuntimeException e) {
    String message = "artifact store '" + componentName + "' cannot be used: " + e.getMessage();
    if (!(e instanceof SecretException || e instanceof IllegalArgumentException)) {
      message += " (" + e.getClass().getSimpleName() + ")";
    }
    return new StackException(message, List.of(new StackProblem(ComponentType.ARTIFACT_STORE, componentName, message)));
  }

  private static StackException problem(S3Connection connection, String message) {
    return new StackException(message,
        List.of(new StackProblem(ComponentType.ARTIFACT_STORE, connection.componentName(), message)));
  }

  private static String rejected(S3Connection c, S3Exception e) {
    String bucket = c.location().bucket();
    String store = "artifact store '" + c.componentName() + "'";
    return switch (e.statusCode()) {
      case 403, 401 -> "S3 at " + c.endpointLabel() + " rejected the credentials from " + c.credentialsLabel()
          + " for bucket '" + bucket + "' (HTTP " + e.statusCode() + "). Fix: " + credentialsFix(c)
          + ", and make sure that key may access the bucket.";
      case 404 -> "bucket '" + bucket + "' of " + store + " does not exist at " + c.endpointLabel()
          + ". Fix: create it (e.g. 'aws s3 mb s3://" + bucket + c.endpoint().map(u -> " --endpoint-url " + u)
              .orElse("") + "'), or point the store at an existing one with 'stepwise artifact-store update "
          + c.componentName() + " --path=s3://BUCKET/PREFIX'.";
      case 301, 400 -> "bucket '" + bucket + "' of " + store + " is not in region '" + c.region() + "'"
          + e.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("x-amz-bucket-region")
              .map(r -> " (S3 says it is in '" + r + "')").orElse("")
          + " or the endpoint " + c.endpointLabel() + " does not serve it (HTTP " + e.statusCode() + "). Fix:"
          + " 'stepwise artifact-store update " + c.componentName() + " --region=REGION'.";
      default -> "S3 at " + c.endpointLabel() + " refused HeadBucket on '" + bucket + "' for " + store
          + " (HTTP " + e.statusCode() + "): " + e.getMessage() + ".";
    };
  }

  private static String clientSide(S3Connection c, SdkClientException e, Duration timeout) {
    String store = "artifact store '" + c.componentName() + "'";
    String text = String.valueOf(e.getMessage());
    if (text.contains("Unable to load credentials") || text.contains("Access key ID cannot be blank")) {
      return "no AWS credentials found for " + store + ": it has no authentication_secret and "
          + c.credentialsLabel() + " has none. Fix: 'stepwise secret create s3_creds --aws_access_key_id=-"
          + " --aws_secret_access_key=-' then 'stepwise artifact-store update " + c.componentName()
          + " --authentication_secret=s3_creds'.";
    }
    Throwable cause = rootCause(e);
    String why;
    if (cause instanceof ConnectException || cause instanceof NoRouteToHostException) {
      why = "the connection was refused";
    } else if (cause instanceof UnknownHostException) {
      why = "its host name does not resolve";
    } else if (cause instanceof SocketTimeoutException || e instanceof ApiCallTimeoutException
        || e instanceof ApiCallAttemptTimeoutException) {
      why = "it did not answer within " + timeout.toSeconds() + " s";
    } else {
      why = cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }
    return "cannot reach the S3 endpoint " + c.endpointLabel() + " of " + store + ": " + why
        + ". Fix: start the S3 server or correct the endpoint with 'stepwise artifact-store update "
        + c.componentName() + " --endpoint=http://HOST:PORT'.";
  }

  private static String credentialsFix(S3Connection c) {
    return c.credentials().map(cred -> "check the keys with 'stepwise secret describe " + cred.secretName()
            + "' and set the right ones with 'stepwise secret update " + cred.secretName()
            + " --aws_access_key_id=- --aws_secret_access_key=-'")
        .orElse("give the store explicit credentials: 'stepwise secret create s3_creds --aws_access_key_id=-"
            + " --aws_secret_access_key=-' and 'stepwise artifact-store update " + c.componentName()
            + " --authentication_secret=s3_creds'");
  }

  private static Throwable rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }
}

package dev.stepwise.s3;

import dev.stepwise.secret.Secret;
import dev.stepwise.secret.SecretException;
import dev.stepwise.support.SecretMask;
import java.util.Objects;
import java.util.Optional;

/**
 * AWS credentials read from a Stepwise secret. {@link #toString()} shows the key id's last four
 * characters only, never the secret or the token.
 */
public record S3Credentials(String secretName, String accessKeyId, String secretAccessKey, Optional<String> sessionToken) {
  public static final String ACCESS_KEY_ID = "aws_access_key_id";
  public static final String SECRET_ACCESS_KEY = "aws_secret_access_key";
  public static final String SESSION_TOKEN = "aws_session_token";

  public S3Credentials {
    Objects.requireNonNull(secretName, "secretName");
    Objects.requireNonNull(accessKeyId, "accessKeyId");
    Objects.requireNonNull(secretAccessKey, "secretAccessKey");
    sessionToken = sessionToken.filter(t -> !t.isBlank());
  }

  /** The credentials in {@code secret}, or a message naming the missing key and the command that adds it. */
  public static S3Credentials fromSecret(Secret secret, String componentName) {
    String id = required(secret, ACCESS_KEY_ID, componentName);
    String key = required(secret, SECRET_ACCESS_KEY, componentName);
    return new S3Credentials(secret.name(), id, key, secret.value(SESSION_TOKEN));
  }

  private static String required(Secret secret, String key, String componentName) {
    return secret.value(key).filter(v -> !v.isBlank()).orElseThrow(() -> new SecretException(
        "secret '" + secret.name() + "' (the authentication_secret of artifact store '" + componentName
            + "') has no '" + key + "' (its keys: " + String.join(", ", secret.values().keySet())
            + "); add it with 'stepwise secret update " + secret.name() + " --" + key + "=-'"));
  }

  @Override
  public String toString() {
    String tail = accessKeyId.length() > 4 ? accessKeyId.substring(accessKeyId.length() - 4) : "";
    return "S3Credentials[secret=" + secretName + ", accessKeyId=…" + tail + ", sessionToken="
        + (sessionToken.isPresent() ? SecretMask.MASK : "none") + "]";
  }
}

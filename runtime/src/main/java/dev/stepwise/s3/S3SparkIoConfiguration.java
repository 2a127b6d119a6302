package dev.stepwise.s3;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The Spark io layer for an S3 artifact store: {@code s3://} served by S3A, the store's endpoint,
 * region and path style, and a credentials provider that matches how credentials arrive.
 *
 * <p>S3A's {@code SimpleAWSCredentialsProvider} and {@code TemporaryAWSCredentialsProvider} read
 * {@code fs.s3a.access.key}/{@code secret.key}/{@code session.token} from the Hadoop configuration,
 * which would put the secret into a Spark conf (argv, Spark UI). Instead the values go into the
 * launched process's environment and S3A uses the AWS SDK v2
 * {@code EnvironmentVariableCredentialsProvider}, which reads {@code AWS_ACCESS_KEY_ID},
 * {@code AWS_SECRET_ACCESS_KEY} and, when set, {@code AWS_SESSION_TOKEN} (session credentials):
 * one provider serves both the simple and the temporary case. Without a secret no provider is set,
 * so S3A keeps its default chain (which also ends at instance roles).
 *
 * <p>Executors in their own JVMs (standalone, Kubernetes) do not inherit the submitter's
 * environment: on Kubernetes use {@link #kubernetesSecretRefs}; on a standalone cluster the
 * driver copies the variables into {@code spark.executorEnv.*} at session creation
 * ({@link S3SparkIoLayer}), and the worker starts each executor with them in its environment.
 */
public final class S3SparkIoConfiguration {
  public static final String SOURCE = "io:s3";
  public static final String ENVIRONMENT_PROVIDER =
      "software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider";
  public static final String ENV_ACCESS_KEY_ID = "AWS_ACCESS_KEY_ID";
  public static final String ENV_SECRET_ACCESS_KEY = "AWS_SECRET_ACCESS_KEY";
  public static final String ENV_SESSION_TOKEN = "AWS_SESSION_TOKEN";
  private static final String HADOOP = "spark.hadoop.";

  private S3SparkIoConfiguration() {}

  /** The io layer for a store; resolves its connection (and so its secret) now, at the moment of use. */
  public static S3SparkIo forStore(S3ArtifactStore store) {
    return forConnection(store.connection());
  }

  public static S3SparkIo forConnection(S3Connection connection) {
    List<SparkIoSetting> conf = new ArrayList<>();
    hadoop(conf, "fs.s3.impl", "org.apache.hadoop.fs.s3a.S3AFileSystem");
    hadoop(conf, "fs.AbstractFileSystem.s3.impl", "org.apache.hadoop.fs.s3a.S3A");
    connection.endpoint().ifPresent(endpoint -> {
      hadoop(conf, "fs.s3a.endpoint", endpoint.toString());
      if ("http".equals(endpoint.getScheme().toLowerCase(Locale.ROOT))) {
        hadoop(conf, "fs.s3a.connection.ssl.enabled", "false");
      }
    });
    hadoop(conf, "fs.s3a.path.style.access", Boolean.toString(connection.pathStyle()));
    hadoop(conf, "fs.s3a.endpoint.region", connection.region());
    if (connection.credentials().isPresent()) {
      hadoop(conf, "fs.s3a.aws.credentials.provider", ENVIRONMENT_PROVIDER);
    }

    Map<String, String> environment = new LinkedHashMap<>(connectionEnvironment(connection));
    Set<String> secretNames = new LinkedHashSet<>();
    connection.credentials().ifPresent(c -> {
      environment.put(ENV_ACCESS_KEY_ID, c.accessKeyId());
      environment.put(ENV_SECRET_ACCESS_KEY, c.secretAccessKey());
      secretNames.add(ENV_ACCESS_KEY_ID);
      secretNames.add(ENV_SECRET_ACCESS_KEY);
      c.sessionToken().ifPresent(token -> {
        environment.put(ENV_SESSION_TOKEN, token);
        secretNames.add(ENV_SESSION_TOKEN);
      });
    });
    return new S3SparkIo(conf, environment, secretNames);
  }

  /**
   * For Spark on Kubernetes: driver and executor environment variables taken from the Kubernetes
   * secret {@code kubernetesSecret} (which holds the store secret's keys, see
   * {@link #kubernetesSecretData}), plus the non-secret connection variables as driver and executor
   * env. Only names appear in these values.
   */
  public static List<SparkIoSetting> kubernetesSecretRefs(S3Connection connection, String kubernetesSecret) {
    List<SparkIoSetting> refs = new ArrayList<>();
    connection.credentials().ifPresent(c -> {
      Map<String, String> variables = new LinkedHashMap<>();
      variables.put(ENV_ACCESS_KEY_ID, S3Credentials.ACCESS_KEY_ID);
      variables.put(ENV_SECRET_ACCESS_KEY, S3Credentials.SECRET_ACCESS_KEY);
      c.sessionToken().ifPresent(t -> variables.put(ENV_SESSION_TOKEN, S3Credentials.SESSION_TOKEN));
      for (String role : List.of("driver", "executor")) {
        variables.forEach((variable, key) -> refs.add(new SparkIoSetting(
            "spark.kubernetes." + role + ".secretKeyRef." + variable, kubernetesSecret + ":" + key, SOURCE)));
      }
    });
    connectionEnvironment(connection).forEach((variable, value) -> {
      refs.add(new SparkIoSetting("spark.kubernetes.driverEnv." + variable, value, SOURCE));
      refs.add(new SparkIoSetting("spark.executorEnv." + variable, value, SOURCE));
    });
    return List.copyOf(refs);
  }

  /** The data of the Kubernetes secret that {@link #kubernetesSecretRefs} points to. Secret values. */
  public static Map<String, String> kubernetesSecretData(S3Connection connection) {
    Map<String, String> data = new LinkedHashMap<>();
    connection.credentials().ifPresent(c -> {
      data.put(S3Credentials.ACCESS_KEY_ID, c.accessKeyId());
      data.put(S3Credentials.SECRET_ACCESS_KEY, c.secretAccessKey());
      c.sessionToken().ifPresent(t -> data.put(S3Credentials.SESSION_TOKEN, t));
    });
    return java.util.Collections.unmodifiableMap(data);
  }

  /** What a step entrypoint needs to open the store from its URI ({@link S3ArtifactStoreScheme}). */
  private static Map<String, String> connectionEnvironment(S3Connection connection) {
    Map<String, String> env = new LinkedHashMap<>();
    connection.endpoint().map(URI::toString).ifPresent(e -> env.put(S3Connections.ENV_ENDPOINT, e));
    env.put(S3Connections.ENV_REGION, connection.region());
    env.put(S3Connections.ENV_PATH_STYLE, Boolean.toString(connection.pathStyle()));
    return env;
  }

  private static void hadoop(List<SparkIoSetting> conf, String key, String value) {
    conf.add(new SparkIoSetting(HADOOP + key, value, SOURCE));
  }
}

package dev.stepwise.s3;

import dev.stepwise.artifact.ArtifactStore;
import dev.stepwise.stack.StackException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * An artifact store in an S3 bucket (AWS or any S3-compatible server). Each {@link #write} is one
 * {@code PutObject}, which S3 makes visible only once complete; callers keep the local store's
 * order (data objects first, then the record or {@code artifact.json} that points to them), so a
 * reader never follows a pointer to missing data. A URI ending in '/' names a directory-like prefix.
 *
 * <p>The connection (and with it any secret) is resolved on first use, not when the store is made.
 */
public final class S3ArtifactStore implements ArtifactStore, AutoCloseable {
  static final Duration PREFLIGHT_TIMEOUT = Duration.ofSeconds(5);
  private static final int DELETE_BATCH = 1000;

  private final String componentName;
  private final S3Location location;
  private final Supplier<S3Connection> connectionSource;
  private S3Connection connection;
  private S3Client client;

  /**
   * @param location the bucket and prefix (known without secrets, so URIs can be handed out early)
   * @param connectionSource resolves endpoint, region and credentials; called once, at first use
   */
  public S3ArtifactStore(String componentName, S3Location location, Supplier<S3Connection> connectionSource) {
    this.componentName = Objects.requireNonNull(componentName, "componentName");
    this.location = Objects.requireNonNull(location, "location");
    this.connectionSource = Objects.requireNonNull(connectionSource, "connectionSource");
  }

  public S3Location location() {
    return location;
  }

  /** The resolved connection (endpoint, region, credentials); resolves secrets if not done yet. */
  public synchronized S3Connection connection() {
    if (connection == null) {
      connection = connectionSource.get();
    }
    return connection;
  }

  private synchronized S3Client client() {
    if (client == null) {
      client = S3Clients.forData(connection());
    }
    return client;
  }

  /**
   * A cheap {@code HeadBucket} with a short timeout and no retries: missing or rejected
   * credentials, a missing bucket and an unreachable endpoint become a {@link StackException}
   * naming the secret, bucket or endpoint and the fix. Call it before any step runs.
   */
  /** The endpoint settings and credentials a step JVM opens this store with ({@link S3ArtifactStoreScheme}). */
  @Override
  public Map<String, String> childEnvironment() {
    return S3SparkIoConfiguration.forStore(this).environment();
  }

  @Override
  public void verifyAccess() {
    S3Connection resolved;
    try {
      resolved = connection();
    } catch (RuntimeException e) {
      throw S3AccessProblems.unresolvable(componentName, e);
    }
    S3AccessProblems.check(resolved, PREFLIGHT_TIMEOUT);
  }

  @Override
  public URI root() {
    return location.uri();
  }

  @Override
  public URI resolve(String relativePath) {
    return location.uri(location.key(relativePath));
  }

  @Override
  public void write(URI uri, ContentWriter content) throws IOException {
    String key = objectKey(uri);
    // spool to an owner-only temp file: the content length must be known, and artifacts may be large
    Path spool = Files.createTempFile("stepwise-s3-", ".part",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try {
      try (OutputStream out = Files.newOutputStream(spool)) {
        content.writeTo(out);
      }
      call(uri, () -> client().putObject(b -> b.bucket(location.bucket()).key(key), RequestBody.fromFile(spool)));
    } finally {
      Files.deleteIfExists(spool);
    }
  }

  @Override
  public void write(URI uri, byte[] bytes) throws IOException {
    String key = objectKey(uri);
    call(uri, () -> client().putObject(b -> b.bucket(location.bucket()).key(key), RequestBody.fromBytes(bytes)));
  }

  @Override
  public InputStream open(URI uri) throws IOException {
    String key = objectKey(uri);
    try {
      return client().getObject(b -> b.bucket(location.bucket()).key(key));
    } catch (NoSuchKeyException e) {
      throw new NoSuchFileException(uri.toString());
    } catch (SdkException e) {
      throw failure(uri, e);
    }
  }

  @Override
  public boolean exists(URI uri) {
    String key = objectKey(uri);
    try {
      if (!key.endsWith("/") && !key.isEmpty()) {
        try {
          client().headObject(b -> b.bucket(location.bucket()).key(key));
          return true;
        } catch (NoSuchKeyException e) {
          // maybe a directory-like prefix
        } catch (S3Exception e) {
          if (e.statusCode() != 404) {
            throw e;
          }
        }
      }
      String prefix = directoryPrefix(key);
      ListObjectsV2Response page = client().listObjectsV2(b -> b.bucket(location.bucket()).prefix(prefix).maxKeys(1));
      return page.keyCount() != null && page.keyCount() > 0;
    } catch (SdkException e) {
      throw new UncheckedIOException(failure(uri, e));
    }
  }

  @Override
  public List<URI> list(URI directory) throws IOException {
    String prefix = directoryPrefix(objectKey(directory));
    List<String> keys = new ArrayList<>();
    call(directory, () -> {
      ListObjectsV2Request request = ListObjectsV2Request.builder()
          .bucket(location.bucket()).prefix(prefix).delimiter("/").build();
      for (ListObjectsV2Response page : client().listObjectsV2Paginator(request)) {
        for (CommonPrefix common : page.commonPrefixes()) {
          keys.add(common.prefix());
        }
        for (S3Object object : page.contents()) {
          if (!object.key().equals(prefix)) {
            keys.add(object.key());
          }
        }
      }
      return null;
    });
    return keys.stream().sorted().map(location::uri).toList();
  }

  @Override
  public void delete(URI uri) throws IOException {
    String key = objectKey(uri);
    call(uri, () -> {
      List<ObjectIdentifier> batch = new ArrayList<>();
      if (!key.endsWith("/") && !key.isEmpty()) {
        batch.add(ObjectIdentifier.builder().key(key).build());
      }
      ListObjectsV2Request request = ListObjectsV2Request.builder()
          .bucket(location.bucket()).prefix(directoryPrefix(key)).build();
      for (ListObjectsV2Response page : client().listObjectsV2Paginator(request)) {
        for (S3Object object : page.contents()) {
          batch.add(ObjectIdentifier.builder().key(object.key()).build());
          if (batch.size() == DELETE_BATCH) {
            deleteBatch(batch);
          }
        }
      }
      deleteBatch(batch);
      return null;
    });
  }

  private void deleteBatch(List<ObjectIdentifier> batch) {
    if (batch.isEmpty()) {
      return;
    }
    client().deleteObjects(b -> b.bucket(location.bucket())
        .delete(Delete.builder().objects(List.copyOf(batch)).quiet(true).build()));
    batch.clear();
  }

  @Override
  public OutputStream append(URI uri) throws IOException {
    String key = objectKey(uri);
    byte[] existing;
    try (InputStream in = client().getObject(b -> b.bucket(location.bucket()).key(key))) {
      existing = in.readAllBytes();
    } catch (NoSuchKeyException e) {
      existing = new byte[0];
      write(uri, existing); // like a local file opened for append: it exists from now on
    } catch (SdkException e) {
      throw failure(uri, e);
    }
    return new S3AppendStream(existing, bytes -> write(uri, bytes));
  }

  @Override
  public boolean isLocal() {
    return false;
  }

  @Override
  public Optional<Path> localPath(URI uri) {
    return Optional.empty();
  }

  @Override
  public synchronized void close() {
    if (client != null) {
      client.close();
      client = null;
    }
  }

  /** The object key of {@code uri}, which must lie under this store's root ({@code s3a://} is accepted too). */
  String objectKey(URI uri) {
    String scheme = uri.getScheme();
    if (!("s3".equals(scheme) || "s3a".equals(scheme)) || !location.bucket().equals(uri.getAuthority())) {
      throw new IllegalArgumentException("'" + uri + "' is not in the S3 artifact store at " + root());
    }
    String path = uri.getPath() == null ? "" : uri.getPath();
    String key = path.startsWith("/") ? path.substring(1) : path;
    String prefix = location.prefix();
    if (!prefix.isEmpty() && !(key.equals(prefix) || key.equals(prefix + "/") || key.startsWith(prefix + "/"))) {
      throw new IllegalArgumentException("'" + uri + "' is outside the S3 artifact store at " + root());
    }
    for (String segment : key.split("/")) {
      if (segment.equals("..")) {
        throw new IllegalArgumentException("'" + uri + "' leaves the S3 artifact store at " + root());
      }
    }
    return key;
  }

  private static String directoryPrefix(String key) {
    return key.isEmpty() || key.endsWith("/") ? key : key + "/";
  }

  private interface S3Call<T> {
    T run();
  }

  private <T> T call(URI uri, S3Call<T> body) throws IOException {
    try {
      return body.run();
    } catch (SdkException e) {
      throw failure(uri, e);
    }
  }

  private IOException failure(URI uri, SdkException e) {
    return new IOException("S3 request for " + uri + " failed (artifact store '" + componentName + "' at "
        + connection().endpointLabel() + "): " + e.getMessage(), e);
  }

  @Override
  public String toString() {
    return "S3ArtifactStore[" + componentName + ", " + root() + "]";
  }
}

package dev.stepwise.s3;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A bucket and a key prefix, parsed from {@code s3://bucket[/prefix]}. The prefix has no leading or
 * trailing slash; it is empty for a whole bucket.
 */
public record S3Location(String bucket, String prefix) {
  // S3's bucket naming rules: 3-63 of lowercase letters, digits, '.' and '-', starting and ending alphanumeric
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

  public S3Location {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(prefix, "prefix");
  }

  /** Parses {@code s3://bucket/prefix} or says exactly what is wrong with it. */
  public static S3Location parse(String path) {
    Optional<String> problem = parseProblem(path);
    if (problem.isPresent()) {
      throw new IllegalArgumentException(problem.get());
    }
    String rest = path.trim().substring("s3://".length());
    int slash = rest.indexOf('/');
    String bucket = slash < 0 ? rest : rest.substring(0, slash);
    String prefix = slash < 0 ? "" : stripSlashes(rest.substring(slash + 1));
    return new S3Location(bucket, prefix);
  }

  /** Why {@code path} is not a valid {@code s3://bucket/prefix}, with the fix; empty when valid. */
  public static Optional<String> parseProblem(String path) {
    String example = " (e.g. --path=s3://my-bucket/stepwise)";
    if (path == null || path.isBlank()) {
      return Optional.of("'path' is required: the bucket and prefix that hold the artifacts" + example);
    }
    String p = path.trim();
    if (!p.startsWith("s3://")) {
      return Optional.of("'path' must start with s3://, got '" + p + "'" + example);
    }
    String rest = p.substring(5);
    int slash = rest.indexOf('/');
    String bucket = slash < 0 ? rest : rest.substring(0, slash);
    if (!BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
      return Optional.of("'" + bucket + "' in 'path' is not a valid S3 bucket name: 3 to 63 lowercase letters,"
          + " digits, '.' and '-', starting and ending with a letter or digit" + example);
    }
    String prefix = slash < 0 ? "" : rest.substring(slash + 1);
    for (String segment : prefix.split("/")) {
      if (segment.equals("..") || segment.equals(".")) {
        return Optional.of("'path' must not contain '.' or '..' segments, got '" + p + "'" + example);
      }
    }
    if (prefix.contains("//")) {
      return Optional.of("'path' must not contain empty segments ('//'), got '" + p + "'" + example);
    }
    return Optional.empty();
  }

  /** The key of {@code relativePath} under the prefix; a trailing '/' is kept (a directory-like key). */
  public String key(String relativePath) {
    boolean directory = relativePath.endsWith("/");
    List<String> parts = new ArrayList<>();
    for (String segment : relativePath.split("/")) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        if (parts.isEmpty()) {
          throw new IllegalArgumentException("'" + relativePath + "' leaves the artifact store root " + uri());
        }
        parts.remove(parts.size() - 1);
        continue;
      }
      parts.add(segment);
    }
    String joined = String.join("/", parts);
    String key = prefix.isEmpty() ? joined : joined.isEmpty() ? prefix : prefix + "/" + joined;
    return directory && !key.isEmpty() ? key + "/" : key;
  }

  /** {@code s3://bucket/prefix/} — the root URI, always ending with '/'. */
  public URI uri() {
    return URI.create("s3://" + bucket + "/" + (prefix.isEmpty() ? "" : prefix + "/"));
  }

  public URI uri(String key) {
    return URI.create("s3://" + bucket + "/" + key);
  }

  private static String stripSlashes(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && s.charAt(start) == '/') {
      start++;
    }
    while (end > start && s.charAt(end - 1) == '/') {
      end--;
    }
    return s.substring(start, end);
  }

  @Override
  public String toString() {
    return uri().toString();
  }
}

package dev.stepwise.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 in lowercase hex: the content hash of cache entries, image tags and resource names. */
public final class Sha256 {
  private Sha256() {}

  /** A fresh digest to feed in parts. */
  public static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no SHA-256, which every Java platform must provide", e);
    }
  }

  /** Feeds {@code text} as UTF-8. */
  public static void update(MessageDigest digest, String text) {
    digest.update(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Feeds everything {@code in} still holds, then closes it. */
  public static void update(MessageDigest digest, InputStream in) throws IOException {
    try (InputStream digesting = new DigestInputStream(in, digest)) {
      digesting.transferTo(OutputStream.nullOutputStream());
    }
  }

  public static String hex(byte[] content) {
    return hexOf(digest().digest(content));
  }

  public static String hex(String text) {
    return hex(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The hex of what {@code digest} has been fed; the digest is reset. */
  public static String hex(MessageDigest digest) {
    return hexOf(digest.digest());
  }

  private static String hexOf(byte[] hash) {
    return HexFormat.of().formatHex(hash);
  }
}

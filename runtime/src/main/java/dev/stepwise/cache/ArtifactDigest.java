package dev.stepwise.cache;

import dev.stepwise.artifact.ArtifactStore;
import dev.stepwise.support.Sha256;
import java.io.IOException;
import java.net.URI;
import java.security.MessageDigest;
import java.util.List;

/** The content digest of a stored artifact directory: every file's name and bytes, in order. */
public final class ArtifactDigest {
  private ArtifactDigest() {}

  public static String of(ArtifactStore store, URI directory) throws IOException {
    MessageDigest digest = Sha256.digest();
    add(store, directory, directory.toString(), digest);
    return Sha256.hex(digest);
  }

  private static void add(ArtifactStore store, URI directory, String base, MessageDigest digest) throws IOException {
    List<URI> children = store.list(directory);
    for (URI child : children) {
      String text = child.toString();
      String name = text.startsWith(base) ? text.substring(base.length()) : text;
      if (text.endsWith("/")) {
        add(store, child, base, digest);
        continue;
      }
      Sha256.update(digest, name + "\n");
      Sha256.update(digest, store.open(child));
    }
  }
}

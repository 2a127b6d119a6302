package dev.stepwise.image;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The outcome of one image build.
 *
 * @param reference {@code registry/repository:tag} (the tag is the inputs' content hash)
 * @param digest the manifest digest, {@code sha256:...}
 * @param layers Stepwise's layers in order, each with what went into it
 * @param built false when an image with this tag already existed and nothing was built or pushed
 * @param uploadedBlobs the blobs actually sent to the registry (layers and config), by digest
 * @param bytesUploaded the bytes of those blobs, as Jib reported its upload progress
 * @param tarFile the OCI tar written, when the target was a tar
 * @param jarsInImage the dependency and extra class jars as placed in the image (not the app jar),
 *     for {@code spark.jars} as {@code local://} paths
 */
public record BuiltImage(
    String reference,
    String digest,
    List<ImageLayer> layers,
    boolean built,
    Set<String> uploadedBlobs,
    long bytesUploaded,
    Optional<Path> tarFile,
    List<String> jarsInImage) {

  public BuiltImage {
    layers = List.copyOf(layers);
    jarsInImage = List.copyOf(jarsInImage);
    uploadedBlobs = Set.copyOf(uploadedBlobs);
  }

  /** This image as another caller sees it: built by someone else, so nothing was built or uploaded for it. */
  BuiltImage shared() {
    return new BuiltImage(reference, digest, layers, false, Set.of(), 0, tarFile, jarsInImage);
  }

  /** {@code registry/repository@sha256:...}: pins the exact image for Kubernetes. */
  public String referenceWithDigest() {
    int colon = reference.lastIndexOf(':');
    int slash = reference.lastIndexOf('/');
    String name = colon > slash ? reference.substring(0, colon) : reference;
    return name + "@" + digest;
  }

  /** The tag: the content hash of the inputs. */
  public String tag() {
    int colon = reference.lastIndexOf(':');
    return colon > reference.lastIndexOf('/') ? reference.substring(colon + 1) : "latest";
  }

  /** @param contentHash sha256 over this layer's entry paths and bytes */
  public record ImageLayer(String name, int entries, String contentHash) {}
}

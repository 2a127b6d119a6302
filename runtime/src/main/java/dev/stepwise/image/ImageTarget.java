package dev.stepwise.image;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/** Where a built image goes: a registry, or an OCI tar file when no registry is configured. */
public sealed interface ImageTarget {

  /**
   * @param registry {@code host[:port][/path]}, as in the container registry's {@code uri}
   * @param insecure plain HTTP allowed (local or in-cluster registries without TLS)
   */
  record Registry(String registry, boolean insecure, Optional<RegistryCredentials> credentials)
      implements ImageTarget {
    public Registry {
      Objects.requireNonNull(registry, "registry");
      credentials = credentials == null ? Optional.empty() : credentials;
    }
  }

  /** Writes {@code <directory>/<repository>-<tag>.tar} in OCI layout. */
  record OciTar(Path directory) implements ImageTarget {
    public OciTar {
      Objects.requireNonNull(directory, "directory");
    }
  }
}

package dev.stepwise.artifact;

import com.google.auto.service.AutoService;
import dev.stepwise.flavor.ComponentContext;
import dev.stepwise.flavor.ComponentType;
import dev.stepwise.flavor.Flavor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The {@code local} artifact store: a directory on this machine. */
@AutoService(Flavor.class)
public final class LocalArtifactStoreFlavor implements Flavor<LocalArtifactStoreConfig> {

  @Override
  public ComponentType type() {
    return ComponentType.ARTIFACT_STORE;
  }

  @Override
  public String name() {
    return "local";
  }

  @Override
  public String description() {
    return "Artifacts in a directory on this machine (--path=/absolute/dir)";
  }

  @Override
  public Class<LocalArtifactStoreConfig> configType() {
    return LocalArtifactStoreConfig.class;
  }

  @Override
  public List<String> validateConfig(LocalArtifactStoreConfig config) {
    List<String> problems = new ArrayList<>();
    if (config.path() == null || config.path().isBlank()) {
      problems.add("'path' is required: the directory that holds the artifacts, e.g. --path=/data/stepwise");
    } else if (!Path.of(config.path()).isAbsolute()) {
      problems.add("'path' must be an absolute directory, got '" + config.path()
          + "'; give the full path, e.g. --path=" + Path.of(config.path()).toAbsolutePath());
    }
    return problems;
  }

  @Override
  public LocalArtifactStore create(
      String componentName, LocalArtifactStoreConfig config, ComponentContext context) {
    return new LocalArtifactStore(Path.of(config.path()));
  }
}

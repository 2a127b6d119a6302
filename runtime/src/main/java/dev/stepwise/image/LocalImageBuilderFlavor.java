package dev.stepwise.image;

import com.google.auto.service.AutoService;
import dev.stepwise.flavor.ComponentContext;
import dev.stepwise.flavor.ComponentType;
import dev.stepwise.flavor.Flavor;
import dev.stepwise.support.StepwiseCacheDir;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The {@code local} image builder: Jib in this process, no Docker daemon (ZenML's {@code -i local_builder}). */
@AutoService(Flavor.class)
public final class LocalImageBuilderFlavor implements Flavor<LocalImageBuilderConfig> {

  @Override
  public ComponentType type() {
    return ComponentType.IMAGE_BUILDER;
  }

  @Override
  public String name() {
    return "local";
  }

  @Override
  public String description() {
    return "Builds OCI images with Jib, no Docker daemon (--parent_image=<Spark image>, --cache_dir=/abs/dir)";
  }

  @Override
  public Class<LocalImageBuilderConfig> configType() {
    return LocalImageBuilderConfig.class;
  }

  @Override
  public List<String> validateConfig(LocalImageBuilderConfig config) {
    List<String> problems = new ArrayList<>();
    if (config.cacheDir() != null && !Path.of(config.cacheDir()).isAbsolute()) {
      problems.add("cache_dir must be an absolute directory, got '" + config.cacheDir() + "'; e.g. --cache_dir="
          + Path.of(config.cacheDir()).toAbsolutePath());
    }
    String parent = config.parentImage();
    if (parent != null && !ImageBuilder.isParentImage(parent)) {
      problems.add("parent_image '" + parent + "' is not an image reference; e.g. --parent_image="
          + ImageBuilder.DEFAULT_PARENT_IMAGE + " (or tar:///abs/base.tar, or scratch)");
    }
    return problems;
  }

  @Override
  public StackImageBuilder create(String componentName, LocalImageBuilderConfig config, ComponentContext context) {
    StepwiseCacheDir cache = StepwiseCacheDir.standard();
    Path jibCache = config.cacheDir() == null ? cache.path().resolve("jib") : Path.of(config.cacheDir());
    String parent = config.parentImage() == null ? ImageBuilder.DEFAULT_PARENT_IMAGE : config.parentImage();
    return new StackImageBuilder(componentName, new ImageBuilder(cache, jibCache), parent);
  }
}

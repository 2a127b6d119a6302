package dev.stepwise.image;

import com.google.auto.service.AutoService;
import dev.stepwise.flavor.ComponentContext;
import dev.stepwise.flavor.ComponentType;
import dev.stepwise.flavor.Flavor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code default} container registry: any registry speaking the Docker/OCI distribution API. */
@AutoService(Flavor.class)
public final class DefaultContainerRegistryFlavor implements Flavor<ContainerRegistryConfig> {

  @Override
  public ComponentType type() {
    return ComponentType.CONTAINER_REGISTRY;
  }

  @Override
  public String name() {
    return "default";
  }

  @Override
  public String description() {
    return "A Docker/OCI registry (--uri=host[:port][/path], --insecure for plain HTTP, "
        + "--authentication_secret=<secret name>)";
  }

  @Override
  public Class<ContainerRegistryConfig> configType() {
    return ContainerRegistryConfig.class;
  }

  @Override
  public List<String> validateConfig(ContainerRegistryConfig config) {
    List<String> problems = new ArrayList<>();
    try {
      RegistryUri.parse(config.uri());
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
    }
    String secret = config.authenticationSecret();
    if (secret != null && !secret.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
      problems.add("authentication_secret must be the NAME of a stored secret (with keys username and password), "
          + "not credentials or a {{reference}}; create one with `stepwise secret create NAME --username=... "
          + "--password=-` and pass --authentication_secret=NAME");
    }
    return problems;
  }

  @Override
  public ContainerRegistry create(String componentName, ContainerRegistryConfig config, ComponentContext context) {
    return new ContainerRegistry(componentName, RegistryUri.parse(config.uri()), config.isInsecure(),
        Optional.ofNullable(config.authenticationSecret()).filter(s -> !s.isBlank()),
        config.isReachableFromCluster());
  }
}

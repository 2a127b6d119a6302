package dev.stepwise.image;

import dev.stepwise.secret.Secret;
import java.util.Optional;
import java.util.function.Function;

/**
 * The working container registry component: where images go, and how to log in, read from the
 * named secret only when an image is pushed.
 */
public record ContainerRegistry(
    String componentName, RegistryUri uri, boolean insecure, Optional<String> authenticationSecret,
    boolean reachableFromCluster) {

  public static final String USERNAME_KEY = "username";
  public static final String PASSWORD_KEY = "password";

  /** The push target, with credentials from {@code secrets} (secret name → secret) when one is named. */
  public ImageTarget.Registry target(Function<String, Optional<Secret>> secrets) {
    Optional<RegistryCredentials> credentials = authenticationSecret.map(name -> {
      Secret secret = secrets.apply(name).orElseThrow(() -> new ImageBuildException("the container registry '"
          + componentName + "' names the secret '" + name + "', which does not exist; create it with "
          + "`stepwise secret create " + name + " --username=... --password=-`"));
      String username = secret.value(USERNAME_KEY).orElseThrow(() -> missingKey(name, USERNAME_KEY));
      String password = secret.value(PASSWORD_KEY).orElseThrow(() -> missingKey(name, PASSWORD_KEY));
      return new RegistryCredentials(username, password);
    });
    return new ImageTarget.Registry(uri.text(), insecure, credentials);
  }

  private ImageBuildException missingKey(String secret, String key) {
    return new ImageBuildException("the secret '" + secret + "' of the container registry '" + componentName
        + "' has no key '" + key + "'; add it with `stepwise secret update " + secret + " --" + key + "=-`");
  }
}

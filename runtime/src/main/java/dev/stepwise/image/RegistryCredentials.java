package dev.stepwise.image;

import java.util.Objects;

/** A registry login, read from a stored secret by the caller; never printed. */
public record RegistryCredentials(String username, String password) {
  public RegistryCredentials {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
  }

  @Override
  public String toString() {
    return "RegistryCredentials[username=" + username + ", password=***]";
  }
}

package dev.stepwise.image;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A container registry location, {@code host[:port][/path]} (no scheme, as Docker writes it).
 *
 * @param path repository prefix under the registry, without slashes at either end; may be empty
 */
public record RegistryUri(String host, Optional<Integer> port, String path) {
  private static final Pattern FORM = Pattern.compile(
      "([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*)"
          + "(?::(\\d{1,5}))?((?:/[a-z0-9]+(?:[._-][a-z0-9]+)*)*)/?");
  private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1");

  /** Parses {@code uri}, or throws with a message that shows the accepted form. */
  public static RegistryUri parse(String uri) {
    if (uri == null || uri.isBlank()) {
      throw new IllegalArgumentException("'uri' is required: the registry as host[:port][/path], e.g. "
          + "--uri=registry.example.com/team or --uri=localhost:5000");
    }
    String text = uri.trim();
    if (text.contains("://")) {
      throw new IllegalArgumentException("uri '" + uri + "' has a scheme; write the registry as host[:port][/path] "
          + "without it, e.g. --uri=" + text.substring(text.indexOf("://") + 3)
          + " (plain-HTTP registries also need --insecure=true)");
    }
    Matcher matcher = FORM.matcher(text);
    if (!matcher.matches()) {
      throw new IllegalArgumentException("uri '" + uri + "' is not host[:port][/path]; e.g. registry.example.com/team, "
          + "localhost:5000 (path parts are lowercase letters, digits, '.', '_' and '-')");
    }
    Optional<Integer> port = Optional.ofNullable(matcher.group(2)).map(Integer::valueOf);
    if (port.isPresent() && (port.get() < 1 || port.get() > 65535)) {
      throw new IllegalArgumentException("uri '" + uri + "' has port " + port.get() + "; ports are 1 to 65535");
    }
    String path = matcher.group(3) == null ? "" : matcher.group(3).replaceAll("^/+", "");
    return new RegistryUri(matcher.group(1).toLowerCase(Locale.ROOT), port, path);
  }

  /** {@code localhost:PORT} and {@code 127.0.0.1:PORT}: this machine, which a cluster usually cannot reach. */
  public boolean isLocal() {
    return LOCAL_HOSTS.contains(host);
  }

  /** {@code host[:port][/path]}, normalized. */
  public String text() {
    return host + port.map(p -> ":" + p).orElse("") + (path.isEmpty() ? "" : "/" + path);
  }
}

package dev.stepwise.spark;

import java.util.Objects;
import java.util.regex.Pattern;

/** A Spark master URL of one of the forms the {@code spark} flavor accepts. */
public record SparkMaster(String url, Kind kind) {

  /** The families of master, which decide backend keys and allowed deploy modes. */
  public enum Kind { LOCAL, STANDALONE, YARN, KUBERNETES }

  public static final String ACCEPTED_FORMS =
      "local, local[N], local[*], spark://host:port[,host:port...], yarn, k8s://https://host:port";

  private static final Pattern LOCAL = Pattern.compile("local(\\[([1-9][0-9]*|\\*)])?");
  private static final Pattern HOST_PORT = Pattern.compile("[A-Za-z0-9.\\-]+:[0-9]{1,5}");
  private static final Pattern K8S = Pattern.compile("k8s://(https?://)?[A-Za-z0-9.\\-]+(:[0-9]{1,5})?(/.*)?");

  public SparkMaster {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(kind, "kind");
  }

  /** Parses a master URL; the exception message names the accepted forms. */
  public static SparkMaster parse(String url) {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException(
          "master is required: set it to one of " + ACCEPTED_FORMS + " (e.g. --master=local[*])");
    }
    String text = url.trim();
    if (LOCAL.matcher(text).matches()) {
      return new SparkMaster(text, Kind.LOCAL);
    }
    if (text.equals("yarn")) {
      return new SparkMaster(text, Kind.YARN);
    }
    if (text.startsWith("spark://")) {
      String hosts = text.substring("spark://".length());
      boolean valid = !hosts.isEmpty();
      for (String hostPort : hosts.split(",", -1)) {
        valid &= HOST_PORT.matcher(hostPort).matches();
      }
      if (valid) {
        return new SparkMaster(text, Kind.STANDALONE);
      }
    }
    if (K8S.matcher(text).matches()) {
      return new SparkMaster(text, Kind.KUBERNETES);
    }
    throw new IllegalArgumentException(
        "master '" + text + "' is not a Spark master URL Stepwise accepts; use one of " + ACCEPTED_FORMS);
  }
}

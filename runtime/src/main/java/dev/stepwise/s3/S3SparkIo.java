package dev.stepwise.s3;

import dev.stepwise.support.SecretMask;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * What an S3 artifact store adds to a Spark submission ({@code _io_configuration}).
 *
 * @param conf Spark keys, in order, none of them secret: they may go on the command line and into
 *     {@code explain} output and run records
 * @param environment variables for the launched {@code spark-submit} process: the connection
 *     settings a step entrypoint needs and, when the store has an authentication secret, the
 *     credential values ({@link #secretEnvironmentNames()}). Never log or print it; use
 *     {@link #shownEnvironment()}
 * @param secretEnvironmentNames which of {@code environment}'s variables hold secret values
 */
public record S3SparkIo(List<SparkIoSetting> conf, Map<String, String> environment, Set<String> secretEnvironmentNames) {

  public S3SparkIo {
    conf = List.copyOf(conf);
    environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
    secretEnvironmentNames = Set.copyOf(secretEnvironmentNames);
    for (String name : secretEnvironmentNames) {
      Objects.requireNonNull(environment.get(name), () -> "secret variable " + name + " has no value");
    }
  }

  /** The environment with secret values shown as {@code ***}, for explain output and run records. */
  public Map<String, String> shownEnvironment() {
    Map<String, String> shown = new TreeMap<>();
    environment.forEach((k, v) -> shown.put(k, secretEnvironmentNames.contains(k) ? SecretMask.MASK : v));
    return Collections.unmodifiableMap(shown);
  }

  /** The Spark keys as a map, later keys winning (there are no repeats). */
  public Map<String, String> confMap() {
    Map<String, String> map = new LinkedHashMap<>();
    conf.forEach(s -> map.put(s.key(), s.value()));
    return Collections.unmodifiableMap(map);
  }

  @Override
  public String toString() {
    return "S3SparkIo[conf=" + conf + ", environment=" + shownEnvironment() + "]";
  }
}

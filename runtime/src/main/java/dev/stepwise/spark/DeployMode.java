package dev.stepwise.spark;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where the Spark driver, and so the step's generated {@code main}, runs. */
public enum DeployMode {
  /** In the {@code spark-submit} process on the launching machine. */
  CLIENT,
  /** Inside the cluster (a standalone worker, a YARN container, a Kubernetes pod). */
  CLUSTER;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<DeployMode> parse(String text) {
    return Arrays.stream(values()).filter(m -> m.id().equals(text.trim())).findFirst();
  }
}

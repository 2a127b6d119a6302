package dev.stepwise.spark;

import java.util.Locale;
import java.util.Optional;

/**
 * Whether Spark processes for a master and deploy mode can read a directory on this machine (a
 * {@code local} artifact store). Kubernetes and YARN run them on cluster nodes; a standalone
 * cluster elsewhere runs a cluster-mode driver on a worker. A loopback standalone master, a local
 * master and client mode on standalone keep the driver here.
 */
public final class LocalStoreReach {
  private LocalStoreReach() {}

  /** Why a local store cannot be reached, or empty when it can. */
  public static Optional<String> unreachableReason(SparkMaster master, DeployMode mode) {
    return switch (master.kind()) {
      case LOCAL -> Optional.empty();
      case KUBERNETES -> Optional.of("master '" + master.url() + "' runs the driver and executors in Kubernetes"
          + " pods, which cannot see this machine's directories");
      case YARN -> Optional.of("master 'yarn' runs " + (mode == DeployMode.CLUSTER ? "the driver and executors"
          : "the executors") + " in YARN containers on other nodes, which cannot see this machine's directories");
      case STANDALONE -> mode == DeployMode.CLUSTER && !loopbackOnly(master)
          ? Optional.of("master '" + master.url() + "' in cluster deploy mode runs the driver on a worker of"
              + " that cluster, which cannot see this machine's directories")
          : Optional.empty();
    };
  }

  private static boolean loopbackOnly(SparkMaster master) {
    for (String hostPort : master.url().substring("spark://".length()).split(",")) {
      String host = hostPort.substring(0, hostPort.lastIndexOf(':')).toLowerCase(Locale.ROOT);
      if (!(host.equals("localhost") || host.startsWith("127."))) {
        return false;
      }
    }
    return true;
  }
}

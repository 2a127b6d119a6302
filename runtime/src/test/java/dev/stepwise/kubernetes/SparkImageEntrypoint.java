package dev.stepwise.kubernetes;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * What the Spark parent image's {@code /opt/entrypoint.sh} would run for a container's args, for the
 * process kubelet, which has the host's Spark home and JDK instead of that image:
 * {@code driver ARGS} is {@code spark-submit} in client mode bound to the pod's IP, {@code executor}
 * is the executor backend configured from the pod's environment, anything else runs as given.
 */
final class SparkImageEntrypoint {
  static final String SPARK_HOME = "/opt/spark";
  private static final String EXECUTOR_BACKEND = "org.apache.spark.scheduler.cluster.k8s.KubernetesExecutorBackend";

  private SparkImageEntrypoint() {}

  /**
   * @param apiServer where the driver reaches the Kubernetes API: in a cluster Spark's default
   *     {@code https://kubernetes.default.svc}, which only the cluster's DNS and service resolve
   */
  static List<String> command(List<String> args, Map<String, String> env, String javaHome, String apiServer) {
    if (args.isEmpty()) {
      throw new IllegalArgumentException("the Spark image's entrypoint needs 'driver' or 'executor' as first argument");
    }
    List<String> rest = args.subList(1, args.size());
    return switch (args.get(0)) {
      case "driver" -> driver(rest, env, apiServer);
      case "executor" -> executor(env, javaHome);
      default -> List.copyOf(args);
    };
  }

  private static List<String> driver(List<String> args, Map<String, String> env, String apiServer) {
    String podIp = required(env, "SPARK_DRIVER_BIND_ADDRESS");
    List<String> command = new ArrayList<>(List.of(SPARK_HOME + "/bin/spark-submit",
        "--conf", "spark.driver.bindAddress=" + podIp,
        "--conf", "spark.executorEnv.SPARK_DRIVER_POD_IP=" + podIp,
        "--conf", "spark.kubernetes.driver.master=" + apiServer,
        "--deploy-mode", "client"));
    command.addAll(args);
    return List.copyOf(command);
  }

  private static List<String> executor(Map<String, String> env, String javaHome) {
    List<String> command = new ArrayList<>(List.of(javaHome + "/bin/java"));
    // Spark hands the executor's JVM options over as SPARK_JAVA_OPT_0, _1, ... in this order
    env.keySet().stream().filter(k -> k.matches("SPARK_JAVA_OPT_[0-9]+"))
        .sorted(Comparator.comparingInt(k -> Integer.parseInt(k.substring("SPARK_JAVA_OPT_".length()))))
        .forEach(k -> command.add(env.get(k)));
    String memory = required(env, "SPARK_EXECUTOR_MEMORY");
    command.add("-Xms" + memory);
    command.add("-Xmx" + memory);
    List<String> classpath = new ArrayList<>();
    classpath.add(env.getOrDefault("SPARK_CONF_DIR", SPARK_HOME + "/conf"));
    for (String variable : List.of("SPARK_CLASSPATH", "SPARK_EXTRA_CLASSPATH")) {
      if (env.containsKey(variable) && !env.get(variable).isBlank()) {
        classpath.add(env.get(variable));
      }
    }
    classpath.add(SPARK_HOME + "/jars/*");
    command.addAll(List.of("-cp", String.join(":", classpath), EXECUTOR_BACKEND,
        "--driver-url", required(env, "SPARK_DRIVER_URL"),
        "--executor-id", required(env, "SPARK_EXECUTOR_ID"),
        "--cores", required(env, "SPARK_EXECUTOR_CORES"),
        "--app-id", required(env, "SPARK_APPLICATION_ID"),
        "--hostname", required(env, "SPARK_EXECUTOR_POD_IP"),
        "--resourceProfileId", env.getOrDefault("SPARK_RESOURCE_PROFILE_ID", "0"),
        "--podName", env.getOrDefault("SPARK_EXECUTOR_POD_NAME", "")));
    return List.copyOf(command);
  }

  private static String required(Map<String, String> env, String name) {
    String value = env.get(name);
    if (value == null) {
      throw new IllegalArgumentException("the pod's environment has no " + name + ", which Spark's entrypoint needs");
    }
    return value;
  }
}

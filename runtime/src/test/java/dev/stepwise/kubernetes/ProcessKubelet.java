package dev.stepwise.kubernetes;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A kubelet for the Kubernetes API double that runs each pod as local processes, so a Spark
 * application submitted to the double really runs: the image's own layers pulled from the
 * registry, the host's Spark home and JDK standing in for the Spark parent image, and per pod a
 * mount namespace ({@code unshare -m}) in which {@code /opt/spark/conf}, {@code /opt/stepwise},
 * {@code /etc/hosts} and the pod's volumes are its own. Each pod gets a loopback address
 * 127.77.0.N as its IP; Services resolve to their pod's IP in every pod's hosts file.
 *
 * <p>Pod phases, container states and exit codes go back into the API from the processes; a pod
 * deleted from the API has its processes stopped; a pod whose owner pod is gone is deleted (what
 * the garbage collector does). Clients that should see streamed container logs use {@link #apiUrl()}.
 *
 * <p>It is also the scheduler of a one-node cluster whose allocatable CPUs are this machine's: a pod
 * whose container requests more CPUs than that can never run, so it stays Pending with the
 * {@code PodScheduled=False, Unschedulable} condition a real scheduler writes, and no process starts.
 */
final class ProcessKubelet implements AutoCloseable {
  private static final String UNSHARE = "/usr/bin/unshare";
  private static final String SH = "/bin/sh";
  private static final String IP_PREFIX = "127.77.0.";
  private static final long SYNC_MILLIS = 250;
  private static final long VOLUME_WAIT_MILLIS = 120_000;

  private final MockKubernetes kube;
  private final KubernetesClient client;
  private final Path sparkHome;
  private final Path javaHome;
  private final Path workDir;
  private final NodeImageStore images;
  private final KubeletApiFront front;
  private final Map<String, KubeletPod> pods = new ConcurrentHashMap<>();
  private final List<KubeletPod> history = new CopyOnWriteArrayList<>();
  private final List<Path> createdHostDirs = new CopyOnWriteArrayList<>();
  private final AtomicInteger nextIp = new AtomicInteger(2);
  private final ExecutorService podThreads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "process-kubelet-pod");
    t.setDaemon(true);
    return t;
  });
  private final Thread syncThread;
  private volatile boolean running = true;

  private ProcessKubelet(MockKubernetes kube, Path sparkHome, Path javaHome, Path workDir) throws IOException {
    this.kube = kube;
    this.client = kube.server().createClient();
    this.sparkHome = sparkHome;
    this.javaHome = javaHome;
    this.workDir = workDir;
    this.images = new NodeImageStore(workDir.resolve("node"));
    this.front = new KubeletApiFront(kube.server().getPort(), (ns, name) -> pod(ns, name).map(p -> p));
    this.syncThread = new Thread(this::syncLoop, "process-kubelet-sync");
    syncThread.setDaemon(true);
  }

  /**
   * Why this machine cannot run pods as processes, or empty when it can: it needs Linux, root (or
   * a user namespace that may mount), {@code unshare} and {@code tar}, and loopback addresses
   * beyond 127.0.0.1.
   */
  static Optional<String> unavailable() {
    if (!System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
      return Optional.of("runs pods in Linux mount namespaces; this is " + System.getProperty("os.name"));
    }
    for (String binary : List.of(UNSHARE, SH, "/usr/bin/tar", "/usr/bin/mount")) {
      if (!Files.isExecutable(Path.of(binary)) && !Files.isExecutable(Path.of(binary.replace("/usr/bin/", "/bin/")))) {
        return Optional.of(binary + " is missing (util-linux, tar)");
      }
    }
    try {
      Process probe = new ProcessBuilder(UNSHARE, "-m", "--propagation", "private", SH, "-c",
          "mount -t tmpfs kubelet-probe /opt && mkdir /opt/probe && mount --bind /etc /opt/probe")
          .redirectErrorStream(true).start();
      String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (!probe.waitFor(30, TimeUnit.SECONDS) || probe.exitValue() != 0) {
        return Optional.of("cannot mount in a new mount namespace (`unshare -m` then tmpfs and bind mounts: "
            + output + "); run as root, or where unprivileged user namespaces may mount");
      }
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(IP_PREFIX + "2"))) {
        socket.getLocalPort();
      }
    } catch (IOException e) {
      return Optional.of("cannot start `unshare` or bind a 127.77.0.x pod address: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted while probing unshare");
    }
    return Optional.empty();
  }

  static ProcessKubelet start(MockKubernetes kube, Path sparkHome, Path javaHome, Path workDir) throws IOException {
    ProcessKubelet kubelet = new ProcessKubelet(kube, sparkHome, javaHome, Files.createDirectories(workDir));
    kubelet.syncThread.start();
    return kubelet;
  }

  /** The API address for clients of this "cluster": the double, with container logs streamed by this kubelet. */
  String apiUrl() {
    return front.url();
  }

  /** {@code k8s://} + {@link #apiUrl()}: the master for Spark and the step operator. */
  String sparkMaster() {
    return "k8s://" + apiUrl();
  }

  /** Every pod this kubelet has taken on, in order, including deleted ones. */
  List<KubeletPod> pods() {
    return List.copyOf(history);
  }

  Optional<KubeletPod> pod(String namespace, String name) {
    return Optional.ofNullable(pods.get(namespace + "/" + name));
  }

  private void syncLoop() {
    while (running) {
      try {
        sync();
      } catch (KubernetesClientException e) {
        // the double closed a pooled connection: the next round reads again
      } catch (RuntimeException e) {
        System.err.println("[process-kubelet] sync failed: " + e);
      }
      try {
        Thread.sleep(SYNC_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void sync() {
    List<Pod> listed = client.pods().inAnyNamespace().list().getItems();
    Set<String> present = new HashSet<>();
    for (Pod pod : listed) {
      String key = pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
      present.add(key);
      String phase = pod.getStatus() == null ? "" : String.valueOf(pod.getStatus().getPhase());
      if (!pods.containsKey(key) && !phase.equals("Succeeded") && !phase.equals("Failed") && running) {
        KubeletPod kubeletPod = new KubeletPod(pod.getMetadata().getNamespace(), pod.getMetadata().getName(),
            Optional.ofNullable(pod.getMetadata().getLabels()).orElse(Map.of()), IP_PREFIX + nextIp.getAndIncrement(),
            workDir.resolve("pods").resolve(pod.getMetadata().getNamespace() + "_" + pod.getMetadata().getName()
                + "_" + history.size()));
        pods.put(key, kubeletPod);
        history.add(kubeletPod);
        Optional<String> unschedulable = unschedulable(pod);
        if (unschedulable.isPresent()) {
          kubeletPod.neverStarted();
          updateStatus(kubeletPod, p -> p.editOrNewStatus().withPhase("Pending").withConditions(List.of(
              new PodConditionBuilder().withType("PodScheduled").withStatus("False")
                  .withReason("Unschedulable").withMessage(unschedulable.get()).build()))
              .endStatus());
          System.err.println("[process-kubelet] pod " + kubeletPod + " unschedulable: " + unschedulable.get());
        } else {
          podThreads.submit(() -> run(pod, kubeletPod));
        }
      }
    }
    for (Map.Entry<String, KubeletPod> entry : pods.entrySet()) {
      if (!present.contains(entry.getKey())) {
        KubeletPod gone = entry.getValue();
        pods.remove(entry.getKey());
        podThreads.submit(() -> {
          List<ProcessHandle> survivors = gone.delete();
          System.err.println("[process-kubelet] pod " + gone + " deleted: processes stopped"
              + (survivors.isEmpty() ? "" : "; still alive: " + survivors));
        });
      }
    }
    // the garbage collector's part: a pod owned by a pod that is gone goes too
    Set<String> names = listed.stream().map(p -> p.getMetadata().getNamespace() + "/" + p.getMetadata().getName())
        .collect(Collectors.toSet());
    for (Pod pod : listed) {
      for (OwnerReference owner : Optional.ofNullable(pod.getMetadata().getOwnerReferences()).orElse(List.of())) {
        if ("Pod".equals(owner.getKind()) && !names.contains(pod.getMetadata().getNamespace() + "/" + owner.getName())) {
          client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName()).delete();
        }
      }
    }
  }

  /**
   * Why the one node can never take POD, in a scheduler's words, or empty when it fits: the CPUs its
   * containers request against the node's allocatable CPUs.
   */
  static Optional<String> unschedulable(Pod pod) {
    double requested = 0;
    for (Container container : pod.getSpec().getContainers()) {
      if (container.getResources() != null && container.getResources().getRequests() != null
          && container.getResources().getRequests().containsKey("cpu")) {
        requested += container.getResources().getRequests().get("cpu").getNumericalAmount().doubleValue();
      }
    }
    int allocatable = Runtime.getRuntime().availableProcessors();
    return requested > allocatable
        ? Optional.of("0/1 nodes are available: 1 Insufficient cpu (requested " + requested + ", allocatable "
            + allocatable + ").")
        : Optional.empty();
  }

  private void run(Pod pod, KubeletPod kubeletPod) {
    Container container = pod.getSpec().getContainers().get(0);
    String ns = kubeletPod.namespace();
    try {
      updateStatus(kubeletPod, status -> status.editOrNewStatus().withPodIP(kubeletPod.ip()).withHostIP("127.0.0.1")
          .withStartTime(Instant.now().toString()).endStatus());
      Map<String, Path> volumes = volumes(pod, kubeletPod);
      if (volumes == null) {
        return; // deleted while waiting
      }
      NodeImageStore.PulledImage image;
      try {
        image = images.pull(container.getImage());
      } catch (IOException e) {
        String reason = e.getMessage().startsWith("InvalidImageName") ? "InvalidImageName" : "ErrImagePull";
        updateStatus(kubeletPod, p -> p.editOrNewStatus().withPhase("Pending").withContainerStatuses(
            new ContainerStatusBuilder().withName(container.getName()).withImage(container.getImage()).withNewState()
                .withNewWaiting().withReason(reason).withMessage(e.getMessage()).endWaiting().endState().build())
            .endStatus());
        kubeletPod.neverStarted();
        return;
      }
      NodeImageStore.linkTree(image.rootfs(), kubeletPod.rootfs());
      Map<String, String> env = environment(pod, container, image, kubeletPod);
      List<String> command = command(container, image, env);
      Path hosts = hostsFile(kubeletPod);
      Path workingDir = Files.createDirectories(kubeletPod.dir().resolve("work-dir"));
      Path script = sandboxScript(pod, kubeletPod, image, volumes, hosts, workingDir);
      List<String> argv = new ArrayList<>(List.of(UNSHARE, "-m", "--propagation", "private", SH, script.toString()));
      argv.addAll(command);
      ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true)
          .redirectOutput(kubeletPod.file().toFile()).directory(workingDir.toFile());
      builder.environment().clear();
      builder.environment().putAll(env);
      if (kubeletPod.deleted()) {
        return;
      }
      Process process = builder.start();
      kubeletPod.started(command, process);
      System.err.println("[process-kubelet] pod " + kubeletPod + " runs pid " + process.pid() + ": "
          + String.join(" ", command.subList(0, Math.min(3, command.size()))) + " ...");
      String startedAt = Instant.now().toString();
      updateStatus(kubeletPod, p -> p.editOrNewStatus().withPhase("Running")
          .withContainerStatuses(new ContainerStatusBuilder().withName(container.getName()).withImage(container.getImage())
              .withImageID(image.digest()).withReady(true).withStarted(true).withNewState().withNewRunning()
              .withStartedAt(startedAt).endRunning().endState().build())
          .withConditions(List.of(
              new PodConditionBuilder().withType("Ready").withStatus("True").build(),
              new PodConditionBuilder().withType("ContainersReady").withStatus("True")
                  .build()))
          .endStatus());
      int exitCode = process.waitFor();
      kubeletPod.exited(exitCode);
      if (kubeletPod.deleted()) {
        return;
      }
      System.err.println("[process-kubelet] pod " + kubeletPod + " exited with " + exitCode);
      updateStatus(kubeletPod, p -> p.editOrNewStatus().withPhase(exitCode == 0 ? "Succeeded" : "Failed")
          .withContainerStatuses(new ContainerStatusBuilder().withName(container.getName()).withImage(container.getImage())
              .withImageID(image.digest()).withReady(false).withStarted(false).withNewState().withNewTerminated()
              .withExitCode(exitCode).withReason(exitCode == 0 ? "Completed" : "Error").withStartedAt(startedAt)
              .withFinishedAt(Instant.now().toString()).endTerminated().endState().build())
          .withConditions(List.of(
              new PodConditionBuilder().withType("Ready").withStatus("False").build()))
          .endStatus());
    } catch (Exception e) {
      System.err.println("[process-kubelet] pod " + ns + "/" + kubeletPod.name() + " could not run: " + e);
      kubeletPod.neverStarted();
      try {
        updateStatus(kubeletPod, p -> p.editOrNewStatus().withPhase("Failed").withContainerStatuses(
            new ContainerStatusBuilder().withName(container.getName()).withNewState().withNewTerminated()
                .withExitCode(128).withReason("StartError").withMessage(String.valueOf(e.getMessage()))
                .endTerminated().endState().build()).endStatus());
      } catch (RuntimeException ignored) {
        // deleted meanwhile
      }
    }
  }

  /**
   * The pod's volumes as directories: ConfigMaps and Secrets written out (a kubelet waits until
   * they exist, as Spark creates the driver's ConfigMap after its pod), emptyDirs empty. Null when
   * the pod was deleted while waiting.
   */
  private Map<String, Path> volumes(Pod pod, KubeletPod kubeletPod) throws IOException, InterruptedException {
    Map<String, Path> dirs = new LinkedHashMap<>();
    String ns = kubeletPod.namespace();
    for (Volume volume : Optional.ofNullable(pod.getSpec().getVolumes()).orElse(List.of())) {
      Path dir = Files.createDirectories(kubeletPod.dir().resolve("volumes").resolve(volume.getName()));
      long deadline = System.currentTimeMillis() + VOLUME_WAIT_MILLIS;
      if (volume.getConfigMap() != null) {
        ConfigMap map;
        while ((map = client.configMaps().inNamespace(ns).withName(volume.getConfigMap().getName()).get()) == null) {
          if (kubeletPod.deleted() || System.currentTimeMillis() > deadline) {
            return null;
          }
          Thread.sleep(SYNC_MILLIS);
        }
        Map<String, String> data = Optional.ofNullable(map.getData()).orElse(Map.of());
        if (volume.getConfigMap().getItems() == null || volume.getConfigMap().getItems().isEmpty()) {
          for (Map.Entry<String, String> entry : data.entrySet()) {
            Files.writeString(dir.resolve(entry.getKey()), entry.getValue());
          }
        } else {
          for (var item : volume.getConfigMap().getItems()) {
            Path target = dir.resolve(item.getPath());
            Files.createDirectories(target.getParent());
            Files.writeString(target, data.getOrDefault(item.getKey(), ""));
          }
        }
      } else if (volume.getSecret() != null) {
        Secret secret;
        while ((secret = client.secrets().inNamespace(ns).withName(volume.getSecret().getSecretName()).get()) == null) {
          if (kubeletPod.deleted() || System.currentTimeMillis() > deadline) {
            return null;
          }
          Thread.sleep(SYNC_MILLIS);
        }
        for (Map.Entry<String, String> entry : secretData(secret).entrySet()) {
          Files.writeString(dir.resolve(entry.getKey()), entry.getValue());
        }
      } else if (volume.getEmptyDir() == null) {
        throw new IOException("volume " + volume.getName() + " is neither ConfigMap, Secret nor emptyDir");
      }
      dirs.put(volume.getName(), dir);
    }
    return dirs;
  }

  private Map<String, String> environment(Pod pod, Container container, NodeImageStore.PulledImage image,
      KubeletPod kubeletPod) {
    Map<String, String> env = new LinkedHashMap<>();
    // what the Spark parent image would set; then the image's own config, then the pod's spec
    env.put("PATH", javaHome.resolve("bin") + ":/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    env.put("JAVA_HOME", javaHome.toString());
    env.put("SPARK_HOME", SparkImageEntrypoint.SPARK_HOME);
    env.put("SPARK_SCALA_VERSION", "2.13");
    env.put("HOSTNAME", kubeletPod.name());
    env.putAll(image.env());
    for (EnvVar var : Optional.ofNullable(container.getEnv()).orElse(List.of())) {
      if (var.getValueFrom() == null) {
        env.put(var.getName(), Optional.ofNullable(var.getValue()).orElse(""));
      } else if (var.getValueFrom().getSecretKeyRef() != null) {
        var ref = var.getValueFrom().getSecretKeyRef();
        Secret secret = client.secrets().inNamespace(kubeletPod.namespace()).withName(ref.getName()).get();
        String value = secret == null ? null : secretData(secret).get(ref.getKey());
        if (value == null && !Boolean.TRUE.equals(ref.getOptional())) {
          throw new IllegalStateException("CreateContainerConfigError: secret " + ref.getName() + " has no key "
              + ref.getKey());
        }
        if (value != null) {
          env.put(var.getName(), value);
        }
      } else if (var.getValueFrom().getConfigMapKeyRef() != null) {
        var ref = var.getValueFrom().getConfigMapKeyRef();
        ConfigMap map = client.configMaps().inNamespace(kubeletPod.namespace()).withName(ref.getName()).get();
        if (map != null && map.getData() != null && map.getData().containsKey(ref.getKey())) {
          env.put(var.getName(), map.getData().get(ref.getKey()));
        }
      } else if (var.getValueFrom().getFieldRef() != null) {
        env.put(var.getName(), field(pod, kubeletPod, var.getValueFrom().getFieldRef().getFieldPath()));
      }
    }
    return env;
  }

  private static String field(Pod pod, KubeletPod kubeletPod, String path) {
    return switch (path) {
      case "status.podIP" -> kubeletPod.ip();
      case "status.hostIP" -> "127.0.0.1";
      case "metadata.name" -> kubeletPod.name();
      case "metadata.namespace" -> kubeletPod.namespace();
      case "metadata.uid" -> String.valueOf(pod.getMetadata().getUid());
      case "spec.nodeName" -> "process-kubelet";
      case "spec.serviceAccountName" -> String.valueOf(pod.getSpec().getServiceAccountName());
      default -> throw new IllegalStateException("the process kubelet cannot resolve fieldRef " + path);
    };
  }

  private static Map<String, String> secretData(Secret secret) {
    Map<String, String> data = new LinkedHashMap<>();
    Optional.ofNullable(secret.getData()).orElse(Map.of()).forEach((k, v) ->
        data.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
    Optional.ofNullable(secret.getStringData()).orElse(Map.of()).forEach(data::put);
    return data;
  }

  private List<String> command(Container container, NodeImageStore.PulledImage image, Map<String, String> env) {
    List<String> commandPart = Optional.ofNullable(container.getCommand()).filter(c -> !c.isEmpty())
        .orElse(image.entrypoint());
    List<String> args = Optional.ofNullable(container.getArgs()).filter(a -> !a.isEmpty())
        .orElse(container.getCommand() == null || container.getCommand().isEmpty() ? image.cmd() : List.of());
    if (commandPart.isEmpty() || commandPart.equals(List.of("/opt/entrypoint.sh"))) {
      // the Spark parent image's entrypoint, which this host does not have
      return SparkImageEntrypoint.command(args, env, javaHome.toString(), apiUrl());
    }
    List<String> command = new ArrayList<>(commandPart);
    command.addAll(args);
    return command;
  }

  /** The host's hosts file plus the pod's own name and every Service whose pod this kubelet runs. */
  private Path hostsFile(KubeletPod kubeletPod) throws IOException {
    StringBuilder hosts = new StringBuilder(Files.readString(Path.of("/etc/hosts")));
    hosts.append("\n# process kubelet\n").append(kubeletPod.ip()).append('\t').append(kubeletPod.name()).append('\n');
    for (Service service : client.services().inNamespace(kubeletPod.namespace()).list().getItems()) {
      Map<String, String> selector = Optional.ofNullable(service.getSpec().getSelector()).orElse(Map.of());
      if (selector.isEmpty()) {
        continue;
      }
      for (KubeletPod target : pods.values()) {
        if (target.namespace().equals(kubeletPod.namespace())
            && target.labels().entrySet().containsAll(selector.entrySet())) {
          String name = service.getMetadata().getName();
          String ns = kubeletPod.namespace();
          hosts.append(target.ip()).append('\t').append(String.join(" ", name, name + "." + ns, name + "." + ns + ".svc",
              name + "." + ns + ".svc.cluster.local")).append('\n');
          break;
        }
      }
    }
    Path file = kubeletPod.dir().resolve("hosts");
    Files.writeString(file, hosts.toString());
    return file;
  }

  /**
   * The script that runs first in the pod's new mount namespace: a tmpfs over {@code /opt} holding
   * the Spark home's entries and the image's {@code /opt} entries, the volumes at their mount
   * paths, the pod's hosts file, then {@code exec} of the container's command (its arguments).
   */
  private Path sandboxScript(Pod pod, KubeletPod kubeletPod, NodeImageStore.PulledImage image, Map<String, Path> volumes,
      Path hosts, Path workingDir) throws IOException {
    List<String> lines = new ArrayList<>(List.of("set -e", "mount -t tmpfs kubelet-opt /opt",
        "mkdir -p " + SparkImageEntrypoint.SPARK_HOME));
    try (Stream<Path> entries = Files.list(sparkHome)) {
      for (Path entry : entries.sorted().toList()) {
        String name = entry.getFileName().toString();
        if (!name.equals("conf") && !name.equals("work-dir")) {
          bind(lines, entry, SparkImageEntrypoint.SPARK_HOME + "/" + name);
        }
      }
    }
    lines.add("mkdir -p /opt/spark/conf /opt/spark/work-dir");
    lines.add("mount --bind " + quote(workingDir) + " /opt/spark/work-dir");
    Path imageOpt = kubeletPod.rootfs().resolve("opt");
    if (Files.isDirectory(imageOpt)) {
      try (Stream<Path> entries = Files.list(imageOpt)) {
        for (Path entry : entries.sorted().toList()) {
          bind(lines, entry, "/opt/" + entry.getFileName());
        }
      }
    }
    Set<String> tmpfsRoots = new HashSet<>();
    Container container = pod.getSpec().getContainers().get(0);
    for (VolumeMount mount : Optional.ofNullable(container.getVolumeMounts()).orElse(List.of())) {
      Path source = volumes.get(mount.getName());
      if (source == null) {
        throw new IOException("volume mount " + mount.getName() + " names no volume of the pod");
      }
      Path target = Path.of(mount.getMountPath());
      if (mount.getSubPath() != null && !mount.getSubPath().isEmpty()) {
        source = source.resolve(mount.getSubPath());
      }
      if (!target.startsWith("/opt") && !Files.exists(target)) {
        // a mount point the host lacks: its first missing ancestor is made once, and a tmpfs over it per pod
        Path missing = target;
        while (!Files.exists(missing.getParent())) {
          missing = missing.getParent();
        }
        if (tmpfsRoots.add(missing.toString())) {
          synchronized (createdHostDirs) {
            if (!Files.exists(missing)) {
              Files.createDirectory(missing);
              createdHostDirs.add(missing);
            }
          }
          lines.add("mount -t tmpfs kubelet-volumes " + quote(missing));
        }
      }
      bind(lines, source, target.toString());
    }
    lines.add("mount --bind " + quote(hosts) + " /etc/hosts");
    String workdir = image.workingDir().isEmpty() ? "/opt/spark/work-dir" : image.workingDir();
    lines.add("cd " + quote(Path.of(container.getWorkingDir() == null ? workdir : container.getWorkingDir())));
    lines.add("exec \"$@\"");
    Path script = kubeletPod.dir().resolve("sandbox.sh");
    Files.writeString(script, String.join("\n", lines) + "\n");
    return script;
  }

  private static void bind(List<String> lines, Path source, String target) {
    lines.add(Files.isDirectory(source) ? "mkdir -p " + quote(Path.of(target))
        : "mkdir -p " + quote(Path.of(target).getParent()) + " && touch " + quote(Path.of(target)));
    lines.add("mount --bind " + quote(source) + " " + quote(Path.of(target)));
  }

  private static String quote(Path path) {
    return "'" + path.toString().replace("'", "'\\''") + "'";
  }

  private void updateStatus(KubeletPod kubeletPod, UnaryOperator<PodBuilder> edit) {
    try {
      kube.setStatus(kubeletPod.namespace(), kubeletPod.name(), edit);
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw e;
      }
    }
  }

  @Override
  public void close() throws IOException, InterruptedException {
    running = false;
    syncThread.interrupt();
    syncThread.join(5_000);
    for (KubeletPod pod : history) {
      pod.delete();
    }
    podThreads.shutdownNow();
    front.close();
    client.close();
    for (Path dir : createdHostDirs) {
      try {
        Files.deleteIfExists(dir);
      } catch (IOException e) {
        System.err.println("[process-kubelet] left " + dir + ": " + e.getMessage());
      }
    }
  }
}

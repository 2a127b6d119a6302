package dev.stepwise.kubernetes;

import dev.stepwise.support.ProcessTree;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** One pod as the process kubelet runs it: its address, directory, command and process. */
final class KubeletPod implements KubeletApiFront.ContainerLog {
  private final String namespace;
  private final String name;
  private final Map<String, String> labels;
  private final String ip;
  private final Path dir;
  private volatile List<String> command = List.of();
  private volatile Process process;
  private volatile Integer exitCode;
  private volatile boolean deleted;
  private volatile boolean ended;

  KubeletPod(String namespace, String name, Map<String, String> labels, String ip, Path dir) {
    this.namespace = namespace;
    this.name = name;
    this.labels = Map.copyOf(labels);
    this.ip = ip;
    this.dir = dir;
  }

  String namespace() {
    return namespace;
  }

  String name() {
    return name;
  }

  Map<String, String> labels() {
    return labels;
  }

  /** {@code driver} or {@code executor} for Spark's pods. */
  String sparkRole() {
    return labels.getOrDefault("spark-role", "");
  }

  String ip() {
    return ip;
  }

  Path dir() {
    return dir;
  }

  /** The image's files as this pod sees them under {@code /}. */
  Path rootfs() {
    return dir.resolve("rootfs");
  }

  @Override
  public Path file() {
    return dir.resolve("container.log");
  }

  @Override
  public boolean ended() {
    return ended;
  }

  /** The container's command as run inside the pod's mount namespace (after the sandbox script). */
  List<String> command() {
    return command;
  }

  Optional<ProcessHandle> process() {
    return Optional.ofNullable(process).map(Process::toHandle);
  }

  OptionalInt exitCode() {
    Integer code = exitCode;
    return code == null ? OptionalInt.empty() : OptionalInt.of(code);
  }

  boolean deleted() {
    return deleted;
  }

  /** The container's processes: the sandbox's and all it started. */
  List<ProcessHandle> processes() {
    Process p = process;
    return p == null ? List.of() : new ProcessTree(p.toHandle()).members();
  }

  void started(List<String> command, Process process) {
    this.command = List.copyOf(command);
    this.process = process;
  }

  void exited(int code) {
    exitCode = code;
    ended = true;
  }

  void neverStarted() {
    ended = true;
  }

  /** The pod left the API: its processes are stopped, as a kubelet kills a deleted pod's containers. */
  List<ProcessHandle> delete() {
    deleted = true;
    Process p = process;
    List<ProcessHandle> survivors = p == null ? List.of() : new ProcessTree(p.toHandle()).stop(Duration.ofSeconds(10));
    ended = true;
    return survivors;
  }

  @Override
  public String toString() {
    return namespace + "/" + name + " (" + ip + ")";
  }
}

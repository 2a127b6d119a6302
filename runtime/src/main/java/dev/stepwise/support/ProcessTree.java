package dev.stepwise.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** A process and everything it started, stopped together and confirmed gone. */
public final class ProcessTree {
  private static final Duration KILL_CONFIRMATION = Duration.ofSeconds(10);

  private final ProcessHandle root;

  public ProcessTree(ProcessHandle root) {
    this.root = root;
  }

  /** The root and its live descendants, children before grandchildren. */
  public List<ProcessHandle> members() {
    Set<ProcessHandle> all = new LinkedHashSet<>();
    if (root.isAlive()) {
      all.add(root);
    }
    root.descendants().forEach(all::add);
    return List.copyOf(all);
  }

  /**
   * Asks every member to stop, kills what is left after {@code grace}, and returns the processes
   * still alive after that (empty when the whole tree is gone).
   */
  public List<ProcessHandle> stop(Duration grace) {
    List<ProcessHandle> targets = new ArrayList<>(members());
    // descendants are listed before they can be reparented by the root's death
    targets.forEach(ProcessHandle::destroy);
    awaitExit(targets, grace);
    targets.addAll(root.descendants().filter(p -> !targets.contains(p)).toList());
    targets.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    awaitExit(targets, KILL_CONFIRMATION);
    return targets.stream().filter(ProcessHandle::isAlive).toList();
  }

  private static void awaitExit(List<ProcessHandle> processes, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (ProcessHandle p : processes) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return;
      }
      try {
        p.onExit().get(left, TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Exception e) {
        // timed out or failed: the caller checks isAlive
      }
    }
  }
}

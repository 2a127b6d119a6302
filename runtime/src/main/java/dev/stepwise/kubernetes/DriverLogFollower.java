package dev.stepwise.kubernetes;

import dev.stepwise.support.OutputPump;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams the driver container's log, line by line, into the step's log while the pod runs
 * (ZenML prints it only at the end). One daemon thread per pod.
 */
final class DriverLogFollower implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DriverLogFollower.class);

  private final KubernetesClient client;
  private final DriverPodRef ref;
  private final Consumer<String> sink;
  private final AtomicLong lines = new AtomicLong();
  private volatile LogWatch watch;
  private Thread thread;

  DriverLogFollower(KubernetesClient client, DriverPodRef ref, Consumer<String> sink) {
    this.client = client;
    this.ref = ref;
    this.sink = sink;
  }

  synchronized void start() {
    if (thread != null) {
      return;
    }
    thread = new Thread(this::follow, "driver-log-" + ref.podName());
    thread.setDaemon(true);
    thread.start();
  }

  private void follow() {
    try {
      watch = client.pods().inNamespace(ref.namespace()).withName(ref.podName())
          .inContainer(DriverPodStatus.DRIVER_CONTAINER).watchLog();
      OutputPump.drain(watch.getOutput(), line -> {
        lines.incrementAndGet();
        sink.accept(line);
      });
    } catch (RuntimeException e) {
      LOG.debug("following the log of {} stopped: {}", ref, e.toString());
    }
  }

  /** Lines delivered so far. */
  long lines() {
    return lines.get();
  }

  /** Waits briefly for the stream to drain after the pod ended, so the last lines are not lost. */
  void finish(long millis) throws InterruptedException {
    Thread current;
    synchronized (this) {
      current = thread;
    }
    if (current != null) {
      current.join(millis);
    }
  }

  @Override
  public void close() {
    LogWatch current = watch;
    if (current != null) {
      current.close();
    }
  }
}

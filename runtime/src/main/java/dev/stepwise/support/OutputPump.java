package dev.stepwise.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Copies a child's output stream, line by line as UTF-8, to a consumer on a daemon thread of its own,
 * so a child never blocks on a full pipe. The pump ends when the stream ends, including when the
 * child is killed mid-line.
 */
public final class OutputPump {
  private OutputPump() {}

  /** Starts pumping {@code stream} into {@code lines} on a thread named {@code threadName}; returns the thread. */
  public static Thread start(InputStream stream, String threadName, Consumer<String> lines) {
    Thread thread = new Thread(() -> drain(stream, lines), threadName);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  /** Reads {@code stream} to its end into {@code lines} on the calling thread. */
  public static void drain(InputStream stream, Consumer<String> lines) {
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lines.accept(line);
      }
    } catch (IOException | UncheckedIOException e) {
      // the other end went away mid-line (a killed child, a closed watch): nothing more to read
    }
  }
}

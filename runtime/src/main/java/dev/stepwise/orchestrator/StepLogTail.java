package dev.stepwise.orchestrator;

import dev.stepwise.artifact.ArtifactStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The last lines of a step's log, kept for its failure record (the README promises 50), and the
 * error they show: a JVM that died without a result record (out of memory, {@code System.exit},
 * a timeout) leaves only its log to say why.
 */
public final class StepLogTail {
  /** How many lines a failed step's record keeps. */
  public static final int LINES = 50;

  // a qualified class name ending in Error or Exception, as stack traces and JVM messages print it
  private static final Pattern THROWABLE = Pattern.compile(
      "(?<![\\w.$])((?:[a-zA-Z_$][\\w$]*\\.)+[A-Z][\\w$]*(?:Error|Exception))(?::\\s*(.*))?");

  private final ArrayDeque<String> lines = new ArrayDeque<>();

  public synchronized void add(String line) {
    if (lines.size() == LINES) {
      lines.removeFirst();
    }
    lines.addLast(line);
  }

  public synchronized List<String> lines() {
    return List.copyOf(lines);
  }

  /** The last {@link #LINES} lines of a stored log; empty when it cannot be read. */
  public static List<String> of(ArtifactStore store, URI log) {
    StepLogTail tail = new StepLogTail();
    try {
      if (!store.exists(log)) {
        return List.of();
      }
      try (BufferedReader reader = new BufferedReader(new InputStreamReader(store.open(log), StandardCharsets.UTF_8))) {
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          tail.add(line);
        }
      }
    } catch (IOException | RuntimeException e) {
      // an unreadable log: the record says so by having no tail
    }
    return tail.lines();
  }

  /**
   * The error a log shows, as {@code class: message}: a JVM {@code Error} (out of memory, stack
   * overflow) first, since whatever follows it is a consequence; else the root cause (the last
   * {@code Caused by:}); else the first exception printed.
   */
  public static Optional<Shown> errorShown(List<String> lines) {
    Shown firstError = null;
    Shown lastCause = null;
    Shown first = null;
    for (String line : lines) {
      Matcher m = THROWABLE.matcher(line);
      if (!m.find()) {
        continue;
      }
      Shown shown = new Shown(m.group(1), Optional.ofNullable(m.group(2)).map(String::strip).orElse(""));
      if (first == null) {
        first = shown;
      }
      if (firstError == null && shown.className().endsWith("Error")) {
        firstError = shown;
      }
      if (line.stripLeading().startsWith("Caused by:")) {
        lastCause = shown;
      }
    }
    return Optional.ofNullable(firstError != null ? firstError : lastCause != null ? lastCause : first);
  }

  /** An error named in a log: its class and the message printed after it. */
  public record Shown(String className, String message) {
    public String text() {
      return message.isEmpty() ? className : className + ": " + message;
    }
  }
}

package dev.stepwise.spark;

import java.util.ArrayDeque;
import java.util.List;

/** The last N lines of a stream, kept for failure reports. */
final class LineTail {
  private final int capacity;
  private final ArrayDeque<String> lines = new ArrayDeque<>();

  LineTail(int capacity) {
    this.capacity = capacity;
  }

  synchronized void add(String line) {
    if (lines.size() == capacity) {
      lines.removeFirst();
    }
    lines.addLast(line);
  }

  synchronized List<String> lines() {
    return List.copyOf(lines);
  }
}

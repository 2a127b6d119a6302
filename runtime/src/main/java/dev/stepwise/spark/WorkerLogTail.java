package dev.stepwise.spark;

import java.io.IOException;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Follows one log of a cluster-mode driver ({@code stdout} or {@code stderr} in the worker's
 * {@code driver-*} directory) through the worker's {@code /log/} page, which answers a byte range
 * under a header {@code ==== Bytes START-END of LENGTH of PATH ====}. Complete lines go to the
 * consumer as they appear; the last partial line only on {@link #flush()}.
 */
final class WorkerLogTail {
  private static final Pattern HEADER = Pattern.compile("==== Bytes (\\d+)-(\\d+) of (\\d+) of [^\\n]*====\\n?");
  private static final int CHUNK = 64 * 1024;

  private final java.util.function.Supplier<String> driverId;
  private final String logType;
  private final Consumer<String> lines;
  private final StringBuilder partial = new StringBuilder();
  private long offset;

  WorkerLogTail(java.util.function.Supplier<String> driverId, String logType, Consumer<String> lines) {
    this.driverId = driverId;
    this.logType = logType;
    this.lines = lines;
  }

  /** Reads what the log has beyond what was read; returns whether anything new came. */
  boolean poll(String workerWebUi) throws IOException, InterruptedException {
    boolean any = false;
    while (true) {
      String page = StandaloneMasterApi.workerLog(workerWebUi, driverId.get(), logType, offset, CHUNK);
      Matcher header = HEADER.matcher(page);
      if (!header.lookingAt()) {
        throw new IOException("the worker's log page for " + driverId.get() + " has no byte-range header");
      }
      long end = Long.parseLong(header.group(2));
      long length = Long.parseLong(header.group(3));
      if (end <= offset) {
        return any;
      }
      any = true;
      offset = end;
      emit(page.substring(header.end()));
      if (end >= length) {
        return true;
      }
    }
  }

  private void emit(String text) {
    partial.append(text);
    int newline;
    while ((newline = partial.indexOf("\n")) >= 0) {
      lines.accept(partial.substring(0, newline));
      partial.delete(0, newline + 1);
    }
  }

  void flush() {
    if (!partial.isEmpty()) {
      lines.accept(partial.toString());
      partial.setLength(0);
    }
  }
}

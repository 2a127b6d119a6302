package dev.stepwise.orchestrator;

import dev.stepwise.operator.StepLog;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A step's log: each line is appended to the step's log file (flushed, so {@code run logs --follow}
 * sees it at once) and echoed to the console prefixed with {@code [invocation] }.
 */
final class StepLogFile implements StepLog, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StepLogFile.class);

  private final String invocationId;
  private final OutputStream file;
  private final PrintStream console;
  private boolean failed;

  StepLogFile(String invocationId, OutputStream file, PrintStream console) {
    this.invocationId = invocationId;
    this.file = file;
    this.console = console;
  }

  @Override
  public synchronized void line(Stream stream, String line) {
    if (console != null) {
      console.println("[" + invocationId + "] " + line);
    }
    if (failed) {
      return;
    }
    try {
      file.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      file.flush();
    } catch (IOException e) {
      failed = true; // the step goes on; only its log file is incomplete
      LOG.warn("cannot write the log of step '{}': {}", invocationId, e.toString());
    }
  }

  @Override
  public synchronized void close() {
    try {
      file.close();
    } catch (IOException e) {
      LOG.warn("cannot close the log of step '{}': {}", invocationId, e.toString());
    }
  }
}

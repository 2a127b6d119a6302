package dev.stepwise.orchestrator;

import dev.stepwise.operator.StepLog;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Captures what in-process steps print: while installed, {@code System.out} and {@code System.err}
 * send the lines of a thread bound to a step (and of threads it starts) to that step's log, and
 * everything else to the original streams.
 */
final class ThreadOutputRouter {
  private static final InheritableThreadLocal<StepLog> BOUND = new InheritableThreadLocal<>();
  private static final PrintStream ORIGINAL_OUT = System.out;
  private static final PrintStream ORIGINAL_ERR = System.err;
  private static int installs;

  private ThreadOutputRouter() {}

  /** The console as it was before any routing, for echoing step lines without looping. */
  static PrintStream console() {
    return ORIGINAL_OUT;
  }

  static synchronized void install() {
    if (installs++ == 0) {
      System.setOut(new PrintStream(new Routed(ORIGINAL_OUT, StepLog.Stream.STDOUT), false, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(new Routed(ORIGINAL_ERR, StepLog.Stream.STDERR), false, StandardCharsets.UTF_8));
    }
  }

  static synchronized void uninstall() {
    if (--installs == 0) {
      System.out.flush();
      System.err.flush();
      System.setOut(ORIGINAL_OUT);
      System.setErr(ORIGINAL_ERR);
    }
  }

  /** Routes this thread's output to {@code log} until {@link #unbind}. */
  static void bind(StepLog log) {
    BOUND.set(log);
  }

  static void unbind() {
    System.out.flush();
    System.err.flush();
    BOUND.remove();
  }

  /** Splits a thread's bytes into lines for its step, or passes them through. */
  private static final class Routed extends OutputStream {
    private final PrintStream original;
    private final StepLog.Stream stream;
    private final ThreadLocal<ByteArrayOutputStream> pending =
        ThreadLocal.withInitial(ByteArrayOutputStream::new);

    Routed(PrintStream original, StepLog.Stream stream) {
      this.original = original;
      this.stream = stream;
    }

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int off, int len) {
      StepLog log = BOUND.get();
      if (log == null) {
        original.write(bytes, off, len);
        return;
      }
      ByteArrayOutputStream buffer = pending.get();
      for (int i = off; i < off + len; i++) {
        if (bytes[i] == '\n') {
          emit(log, buffer);
        } else {
          buffer.write(bytes[i]);
        }
      }
    }

    @Override
    public void flush() {
      StepLog log = BOUND.get();
      ByteArrayOutputStream buffer = pending.get();
      if (log != null && buffer.size() > 0) {
        emit(log, buffer);
      }
      original.flush();
    }

    private void emit(StepLog log, ByteArrayOutputStream buffer) {
      String line = buffer.toString(StandardCharsets.UTF_8);
      buffer.reset();
      log.line(stream, line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
    }
  }
}

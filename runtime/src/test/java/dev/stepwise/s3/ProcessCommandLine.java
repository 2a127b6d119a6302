package dev.stepwise.s3;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;

/**
 * Reads a live process's argv and environment from {@code /proc} (Linux), so tests can assert a
 * secret is absent from a launched command line (spark-submit, a child JVM) while it runs.
 */
public final class ProcessCommandLine {
  private ProcessCommandLine() {}

  public static boolean available() {
    return Files.isReadable(Path.of("/proc/self/cmdline"));
  }

  /** The process's argv as the kernel has it. */
  public static List<String> argv(long pid) throws IOException {
    return split(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")));
  }

  /** The process's initial environment as {@code NAME=value} entries. */
  public static List<String> environment(long pid) throws IOException {
    return split(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ")));
  }

  /** Waits until the argv satisfies {@code ready} (e.g. the exec has happened); fails after the timeout. */
  public static List<String> awaitArgv(ProcessHandle process, Predicate<List<String>> ready, Duration timeout)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<String> argv = argv(process.pid());
      if (ready.test(argv)) {
        return argv;
      }
      if (!process.isAlive() || System.nanoTime() > deadline) {
        throw new AssertionError("process " + process.pid() + " never showed the expected argv; last: " + argv);
      }
      Thread.sleep(10);
    }
  }

  /** Throws naming the position (never the value) when any secret occurs in any argv element. */
  public static void assertAbsent(List<String> argv, Collection<String> secrets) {
    for (int i = 0; i < argv.size(); i++) {
      for (String secret : secrets) {
        if (!secret.isEmpty() && argv.get(i).contains(secret)) {
          throw new AssertionError("a secret value appears in argv[" + i + "] of the launched process");
        }
      }
    }
  }

  private static List<String> split(byte[] raw) {
    String text = new String(raw, StandardCharsets.UTF_8);
    if (text.endsWith("\0")) {
      text = text.substring(0, text.length() - 1);
    }
    return text.isEmpty() ? List.of() : Arrays.asList(text.split("\0", -1));
  }
}

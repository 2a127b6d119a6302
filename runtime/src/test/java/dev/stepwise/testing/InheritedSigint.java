package dev.stepwise.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Lets a Ctrl-C (SIGINT) reach the processes a test starts. A build started in the background of a
 * non-interactive shell ({@code mvn ... &}) inherits SIGINT as ignored, and so do the JVMs it
 * starts: such a JVM installs no handler, exactly as for a user's {@code nohup stepwise ... &}.
 * Ctrl-C tests therefore start their process through {@code env --default-signal=INT}, which
 * restores the default disposition the way a terminal would have; where that is impossible they are
 * skipped with the reason on the console.
 */
public final class InheritedSigint {
  private static final List<String> RESTORE = List.of("env", "--default-signal=INT");

  private InheritedSigint() {}

  /**
   * The command prefix that starts a process with SIGINT at its default disposition: empty when it
   * already is here; otherwise {@code env --default-signal=INT}, or the calling test is skipped,
   * saying why on the console, when this machine's {@code env} cannot do that.
   */
  public static List<String> restoringPrefix() {
    if (!ignoredHere()) {
      return List.of();
    }
    if (!envRestores()) {
      String reason = "SIGINT is ignored by this test JVM (inherited from a background start) and this"
          + " machine's env has no --default-signal (coreutils 8.31+) to restore it for the child, so a"
          + " Ctrl-C cannot reach it; run the build in the foreground to test Ctrl-C";
      System.out.println("skipped: " + reason);
      Assumptions.abort(reason);
    }
    return RESTORE;
  }

  /** Bit 2 (SIGINT) of {@code SigIgn} in /proc/self/status; false where there is no /proc. */
  static boolean ignoredHere() {
    Path status = Path.of("/proc/self/status");
    if (!Files.isReadable(status)) {
      return false;
    }
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith("SigIgn:")) {
          return (Long.parseUnsignedLong(line.substring("SigIgn:".length()).strip(), 16) & 0x2L) != 0;
        }
      }
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean envRestores() {
    try {
      Process probe = new ProcessBuilder(RESTORE.get(0), RESTORE.get(1), "true")
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!probe.waitFor(60, TimeUnit.SECONDS)) {
        probe.destroyForcibly();
        return false;
      }
      return probe.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}

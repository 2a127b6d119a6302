package dev.stepwise.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Whether a Ctrl-C (SIGINT) can reach the processes a test starts. A build started in the
 * background of a non-interactive shell ({@code mvn ... &}) inherits SIGINT as ignored, and so do
 * the JVMs it starts: the JVM then installs no handler, exactly as for a user's
 * {@code nohup stepwise pipeline run ... &}. A Ctrl-C test cannot tell anything there, so it is
 * skipped with the reason on the console.
 */
public final class InheritedSigint {
  private InheritedSigint() {}

  /** Skips the calling test, saying why on the console, when SIGINT is ignored in this JVM. */
  public static void assumeDeliverable() {
    if (ignoredHere()) {
      String reason = "SIGINT is ignored by this test JVM (inherited from a background start), so a Ctrl-C"
          + " cannot reach the child it starts either; run the build in the foreground to test Ctrl-C";
      System.out.println("skipped: " + reason);
      Assumptions.abort(reason);
    }
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
}

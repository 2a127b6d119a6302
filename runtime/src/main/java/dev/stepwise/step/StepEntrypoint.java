package dev.stepwise.step;

import dev.stepwise.artifact.ArtifactStorage;
import dev.stepwise.artifact.ArtifactStore;
import dev.stepwise.artifact.Materializers;
import dev.stepwise.support.JsonCodec;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * The runtime side of every generated {@code main}: parses {@code --spec <uri>}, reads the step's
 * {@link StepRunSpec}, opens the artifact store the spec names, loads the inputs with
 * materializers, calls the step (with a {@code SparkSession} if it takes one — the active one, or a
 * new one that is stopped at the end), stores its output, writes the {@link StepResult} record, and
 * exits with a {@link StepExitCode} (the codes are listed there).
 *
 * <p>The spec URI is a {@code file:} URI or a plain path; other schemes are opened through
 * {@link dev.stepwise.artifact.ArtifactStoreScheme} plugins, with credentials from the environment.
 */
public final class StepEntrypoint {
  private static final String USAGE = "usage: <entrypoint class> --spec <uri of the step run spec>";

  /**
   * Set to {@code 1} by launchers whose step JVM must not outlive them (the local step operator):
   * the entrypoint then halts with {@value #PARENT_GONE_EXIT} as soon as its parent process is gone,
   * even if the parent was killed with SIGKILL and could not cancel anything.
   */
  public static final String EXIT_WITH_PARENT = "STEPWISE_EXIT_WITH_PARENT";

  /** The exit code of a step JVM that stopped because its launching process died (as for SIGTERM). */
  public static final int PARENT_GONE_EXIT = 143;

  private StepEntrypoint() {}

  private static void exitWithParent() {
    ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> {
      System.err.println("stepwise: the process that launched this step (pid " + parent.pid()
          + ") is gone; stopping the step");
      Runtime.getRuntime().halt(PARENT_GONE_EXIT);
    }));
  }

  /**
   * Runs the step and always ends the JVM with {@code System.exit(code)}, even after an
   * {@link Error}, so stray non-daemon threads cannot keep a Spark driver alive.
   */
  public static void main(String[] args, StepProgram program) {
    int code = StepExitCode.ENTRYPOINT_FAILED.code();
    try {
      code = run(args, program);
    } catch (Throwable t) {
      try {
        System.err.println("stepwise: the step entrypoint failed: " + t);
        t.printStackTrace();
      } catch (Throwable ignored) {
        // nothing left to report with; exit anyway
      }
    } finally {
      System.out.flush();
      System.err.flush();
      System.exit(code);
    }
  }

  /** Runs the step and returns the exit code instead of exiting (for in-process callers and tests). */
  public static int run(String[] args, StepProgram program) {
    PrintStream err = System.err;
    if ("1".equals(System.getenv(EXIT_WITH_PARENT))) {
      exitWithParent();
    }
    URI specUri;
    try {
      specUri = parseArgs(args);
    } catch (IllegalArgumentException e) {
      err.println("stepwise: " + e.getMessage());
      err.println(USAGE);
      return StepExitCode.BAD_ARGUMENTS_OR_SPEC.code();
    }

    StepRunSpec spec;
    try {
      spec = readSpec(specUri);
    } catch (Exception e) {
      err.println("stepwise: cannot read the step run spec " + specUri + ": " + e.getMessage());
      return StepExitCode.BAD_ARGUMENTS_OR_SPEC.code();
    }

    ArtifactStore store;
    try {
      store = ArtifactStore.at(spec.artifactStoreRoot());
    } catch (RuntimeException e) {
      err.println("stepwise: cannot open the artifact store of the spec: " + e.getMessage());
      return StepExitCode.BAD_ARGUMENTS_OR_SPEC.code();
    }
    ArtifactStorage storage = new ArtifactStorage(store, Materializers.discover());
    StepResult result = StepExecution.inStepProcess(storage).execute(spec, program);
    result.error().ifPresent(error -> {
      err.println("stepwise: step '" + spec.invocationId() + "' failed with exit code "
          + result.exitCode() + " (" + result.status() + "): " + error.message());
      if (!error.stackTrace().isEmpty()) {
        err.print(error.stackTrace());
      }
    });
    return result.exitCode();
  }

  static URI parseArgs(String[] args) {
    String value = null;
    if (args.length == 2 && args[0].equals("--spec")) {
      value = args[1];
    } else if (args.length == 1 && args[0].startsWith("--spec=")) {
      value = args[0].substring("--spec=".length());
    }
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("expected exactly '--spec <uri>', got " + java.util.Arrays.toString(args));
    }
    return toUri(value);
  }

  private static URI toUri(String value) {
    try {
      URI uri = new URI(value);
      if (uri.getScheme() != null && uri.getScheme().length() > 1) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // not a URI: a plain path
    }
    return Path.of(value).toAbsolutePath().toUri();
  }

  /** Reads the spec through a store rooted at the spec URI's scheme and authority. */
  private static StepRunSpec readSpec(URI specUri) throws Exception {
    URI root = "file".equals(specUri.getScheme())
        ? Path.of(specUri).getRoot().toUri()
        : new URI(specUri.getScheme(), specUri.getAuthority(), "/", null, null);
    ArtifactStore store = ArtifactStore.at(root);
    return JsonCodec.mapper().readValue(store.read(specUri), StepRunSpec.class);
  }
}

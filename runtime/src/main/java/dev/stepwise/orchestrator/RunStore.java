package dev.stepwise.orchestrator;

import dev.stepwise.artifact.ArtifactStore;
import dev.stepwise.support.JsonCodec;
import dev.stepwise.support.StepwiseException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;

/**
 * The runs recorded in one artifact store. Layout under the store root:
 *
 * <pre>
 * runs/&lt;run id&gt;/run.json                    the {@link RunRecord}
 * runs/&lt;run id&gt;/cancel                      present when a cancel was requested
 * runs/&lt;run id&gt;/inputs/&lt;invocation&gt;/&lt;param&gt;/  literal inputs, as artifacts
 * runs/&lt;run id&gt;/steps/&lt;invocation&gt;/spec.json    the step run spec (of a step a step operator launches)
 * runs/&lt;run id&gt;/steps/&lt;invocation&gt;/result.json  the entrypoint's result record
 * runs/&lt;run id&gt;/steps/&lt;invocation&gt;/output/      the output artifact
 * runs/&lt;run id&gt;/steps/&lt;invocation&gt;/log.txt      stdout and stderr
 * </pre>
 */
public final class RunStore {
  private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9_.-]+");
  private static final Duration FOLLOW_POLL = Duration.ofMillis(200);

  private final ArtifactStore store;
  private final VanishedRuns vanished;

  public RunStore(ArtifactStore store) {
    this.store = store;
    this.vanished = VanishedRuns.fromServiceLoader();
  }

  public ArtifactStore artifactStore() {
    return store;
  }

  public URI runDirectory(String runId) {
    return store.resolve("runs/" + checked(runId) + "/");
  }

  private static String checked(String runId) {
    if (!RUN_ID.matcher(runId).matches() || runId.startsWith(".")) {
      throw new StepwiseException("'" + runId + "' is not a run id; see 'stepwise run list'");
    }
    return runId;
  }

  public URI stepDirectory(String runId, String invocationId) {
    return store.resolve("runs/" + runId + "/steps/" + invocationId + "/");
  }

  public URI literalInput(String runId, String invocationId, String parameter) {
    return store.resolve("runs/" + runId + "/inputs/" + invocationId + "/" + parameter + "/");
  }

  public URI stepFile(String runId, String invocationId, String name) {
    return store.resolve("runs/" + runId + "/steps/" + invocationId + "/" + name);
  }

  private URI recordUri(String runId) {
    return store.resolve("runs/" + checked(runId) + "/run.json");
  }

  private URI cancelMarker(String runId) {
    return store.resolve("runs/" + checked(runId) + "/cancel");
  }

  /** Replaces the run's record atomically; the error names the run and the record's place. */
  public void write(RunRecord record) throws IOException {
    write(record, JsonCodec.mapper().writeValueAsBytes(record));
  }

  /** Replaces the run's record with {@code json}, which is {@code record} serialized, atomically. */
  void write(RunRecord record, byte[] json) throws IOException {
    URI uri = recordUri(record.runId());
    try {
      store.write(uri, json);
    } catch (IOException e) {
      throw new IOException("cannot write the record of run " + record.runId() + " at " + uri + ": "
          + problem(e), e);
    }
  }

  /**
   * The run's record. A run whose orchestrator process is surely gone (killed before it could
   * record the end) is closed first and written back: see {@link VanishedRuns}.
   */
  public Optional<RunRecord> describe(String runId) throws IOException {
    return read(runId).map(Read::record);
  }

  /**
   * A run's record as {@link #describe} gives it, and, when it had to be closed but could not be
   * written back (a read-only store), why not: the caller says so rather than fail.
   */
  public Optional<Read> read(String runId) throws IOException {
    URI uri = recordUri(runId);
    if (!store.exists(uri)) {
      return Optional.empty();
    }
    RunRecord record;
    try {
      record = JsonCodec.mapper().readValue(store.read(uri), RunRecord.class);
    } catch (IOException e) {
      throw new IOException("cannot read the record of run " + runId + " at " + uri + ": " + problem(e), e);
    }
    Optional<String> notWritten = Optional.empty();
    if (record.orphaned()) {
      record = vanished.settle(record, invocation -> stepDirectory(runId, invocation), store);
      try {
        write(record);
      } catch (IOException e) {
        notWritten = Optional.of(e.getMessage());
      }
    }
    return Optional.of(new Read(record, notWritten));
  }

  /** A run's record, and why it could not be written back after being closed. */
  public record Read(RunRecord record, Optional<String> notWrittenBack) {}

  /** Every recorded run, newest first; runs whose records cannot be read are left out. */
  public List<RunRecord> list() throws IOException {
    return listing().runs();
  }

  /**
   * Every run whose record can be read, newest first, and every one whose record cannot, named
   * with the reason. A run directory with no record yet is a run being created: not listed.
   */
  public Listing listing() throws IOException {
    List<RunRecord> runs = new ArrayList<>();
    List<Unreadable> unreadable = new ArrayList<>();
    List<String> notWritten = new ArrayList<>();
    for (URI dir : store.list(store.resolve("runs/"))) {
      String path = dir.getPath();
      String id = path.substring(path.lastIndexOf('/', path.length() - 2) + 1).replace("/", "");
      try {
        Optional<Read> read = read(id);
        read.ifPresent(r -> runs.add(r.record()));
        read.flatMap(Read::notWrittenBack).ifPresent(notWritten::add);
      } catch (IOException | RuntimeException e) {
        unreadable.add(new Unreadable(id, e.getMessage() == null ? e.toString() : e.getMessage()));
      }
    }
    runs.sort(Comparator.comparing(RunRecord::startedAt).reversed());
    return new Listing(List.copyOf(runs), List.copyOf(unreadable), List.copyOf(notWritten));
  }

  /**
   * What {@link #listing} found.
   *
   * @param runs the readable runs, newest first
   * @param unreadable the runs whose record could not be read
   * @param notWrittenBack why records closed while listing could not be written back
   */
  public record Listing(List<RunRecord> runs, List<Unreadable> unreadable, List<String> notWrittenBack) {}

  /** A run directory whose record cannot be read, and why. */
  public record Unreadable(String runId, String problem) {}

  private static String problem(IOException e) {
    // a temp file's name says nothing to the user; the file system's reason does
    if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
      return fs.getReason();
    }
    return e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
  }

  /**
   * Asks the process running {@code runId} to cancel it; it polls for this marker. An INTERRUPTED
   * run has no such process: its detached steps are stopped on their clusters here, and it is
   * recorded as ended.
   */
  public void requestCancel(String runId) throws IOException {
    RunRecord record = describe(runId).orElseThrow(() -> new StepwiseException(
        "no run '" + runId + "' in " + store.root() + "; see 'stepwise run list'"));
    if (record.state().isFinal()) {
      throw new StepwiseException("run '" + runId + "' is already " + record.state());
    }
    if (record.state() == RunState.INTERRUPTED) {
      write(vanished.cancelInterrupted(record, invocation -> stepDirectory(runId, invocation), store));
      return;
    }
    store.write(cancelMarker(runId), new byte[0]);
  }

  /** Drops an earlier cancel request, so a resumed run is not cancelled by the request that ended it. */
  void clearCancel(String runId) throws IOException {
    store.delete(cancelMarker(runId));
  }

  /**
   * Claims the right to resume {@code runId} for this process, so two processes resuming it at once do
   * not both drive it: each writes a claim, and of the claims whose process may be alive the earliest
   * wins (the store needs no atomic create; both sides decide alike). Throws, naming the other
   * process, when another claim wins. The claim is released when the resumed run ends.
   */
  Claim claimResume(String runId) throws IOException {
    RunRecord.OrchestratorProcess me = RunRecord.OrchestratorProcess.current();
    URI claims = store.resolve("runs/" + checked(runId) + "/claims/");
    String name = String.format("%013d-%d", System.currentTimeMillis(), me.pid());
    URI mine = claims.resolve(name);
    store.write(mine, JsonCodec.mapper().writeValueAsBytes(me));
    for (URI other : store.list(claims)) {
      String otherName = other.getPath().substring(other.getPath().lastIndexOf('/') + 1);
      if (otherName.equals(name) || otherName.compareTo(name) > 0) {
        continue;
      }
      RunRecord.OrchestratorProcess process;
      try {
        process = JsonCodec.mapper().readValue(store.read(other), RunRecord.OrchestratorProcess.class);
      } catch (IOException | RuntimeException unreadable) {
        continue; // half-written by a claimant that died mid-write
      }
      Liveness liveness = process.liveness();
      if (liveness.state() != Liveness.State.GONE) {
        store.delete(mine);
        throw new StepwiseException("run '" + runId + "' is being resumed by another process (" + liveness.explanation()
            + "); one process drives a run at a time: follow it with 'stepwise run logs " + runId + " --follow'");
      }
    }
    return new Claim(store, mine);
  }

  /** This process's claim on a run it resumes; released when the run ends. */
  record Claim(ArtifactStore store, URI uri) {
    void release() {
      try {
        store.delete(uri);
      } catch (IOException e) {
        LoggerFactory.getLogger(RunStore.class).warn("could not remove the resume claim {}: {}", uri, e.toString());
      }
    }
  }

  public boolean cancelRequested(String runId) {
    return store.exists(cancelMarker(runId));
  }

  /** The log of one step, or of every step in order (each headed by its invocation id). */
  public String logs(String runId, Optional<String> invocationId) throws IOException {
    RunRecord record = require(runId);
    StringBuilder text = new StringBuilder();
    for (StepRecord step : steps(record, invocationId)) {
      if (invocationId.isEmpty()) {
        text.append("==> ").append(step.invocationId()).append(" [").append(step.state()).append("] <==\n");
      }
      if (store.exists(step.log())) {
        text.append(new String(store.read(step.log()), StandardCharsets.UTF_8));
      }
    }
    return text.toString();
  }

  /**
   * Sends new log text to {@code sink} as the log grows, until the run has ended and everything
   * written is sent. With a step: that step's log as is; without: every step's log, each line
   * prefixed with {@code [invocation] }.
   */
  public void follow(String runId, Optional<String> invocationId, Consumer<String> sink)
      throws IOException, InterruptedException {
    List<StepRecord> followed = steps(require(runId), invocationId);
    Map<String, Long> sent = new HashMap<>();
    while (true) {
      RunRecord now = require(runId);
      boolean ended = now.state().isFinal() || now.orphaned();
      for (StepRecord step : followed) {
        if (!store.exists(step.log())) {
          continue;
        }
        long offset = sent.getOrDefault(step.invocationId(), 0L);
        byte[] more;
        try (InputStream in = store.open(step.log())) {
          in.skipNBytes(offset);
          more = in.readAllBytes();
        }
        if (invocationId.isEmpty()) {
          // only whole lines, so prefixes land at line starts
          int end = lastNewline(more) + 1;
          if (end == 0 && !ended) {
            continue;
          }
          int length = end == 0 ? more.length : end;
          String text = new String(more, 0, length, StandardCharsets.UTF_8);
          if (!text.isEmpty()) {
            sink.accept(text.lines().map(l -> "[" + step.invocationId() + "] " + l + "\n")
                .collect(java.util.stream.Collectors.joining()));
          }
          sent.put(step.invocationId(), offset + length);
        } else if (more.length > 0) {
          sink.accept(new String(more, StandardCharsets.UTF_8));
          sent.put(step.invocationId(), offset + more.length);
        }
      }
      if (ended) {
        return;
      }
      Thread.sleep(FOLLOW_POLL.toMillis());
    }
  }

  private static int lastNewline(byte[] bytes) {
    for (int i = bytes.length - 1; i >= 0; i--) {
      if (bytes[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private RunRecord require(String runId) throws IOException {
    return describe(runId).orElseThrow(() -> new StepwiseException(
        "no run '" + runId + "' in " + store.root() + "; see 'stepwise run list'"));
  }

  private static List<StepRecord> steps(RunRecord record, Optional<String> invocationId) {
    if (invocationId.isEmpty()) {
      return record.steps();
    }
    return List.of(record.step(invocationId.get()).orElseThrow(() -> new StepwiseException(
        "run '" + record.runId() + "' has no step '" + invocationId.get() + "'; its steps are "
            + record.steps().stream().map(StepRecord::invocationId).toList())));
  }

}

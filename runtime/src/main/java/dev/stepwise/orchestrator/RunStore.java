package dev.stepwise.orchestrator;

import dev.stepwise.artifact.ArtifactStore;
import dev.stepwise.support.JsonCodec;
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

/**
 * The runs recorded in one artifact store. Layout under the store root:
 *
 * <pre>
 * runs/&lt;run id&gt;/run.json                    the {@link RunRecord}
 * runs/&lt;run id&gt;/cancel                      present when a cancel was requested
 * runs/&lt;run id&gt;/inputs/&lt;invocation&gt;/&lt;param&gt;/  literal inputs, as artifacts
 * runs/&lt;run id&gt;/steps/&lt;invocation&gt;/spec.json    the step run spec
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
      throw new IllegalArgumentException("'" + runId + "' is not a run id; see 'stepwise run list'");
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

  /** Replaces the run's record atomically. */
  public void write(RunRecord record) throws IOException {
    store.write(recordUri(record.runId()), JsonCodec.mapper().writeValueAsBytes(record));
  }

  /**
   * The run's record. A run whose orchestrator process is gone (killed before it could record the
   * end) is closed first and written back: its running steps FAILED with the reason, orphans killed.
   */
  public Optional<RunRecord> describe(String runId) throws IOException {
    URI uri = recordUri(runId);
    if (!store.exists(uri)) {
      return Optional.empty();
    }
    RunRecord record = JsonCodec.mapper().readValue(store.read(uri), RunRecord.class);
    if (record.orphaned()) {
      record = vanished.settle(record, invocation -> stepDirectory(runId, invocation), store);
      write(record);
    }
    return Optional.of(record);
  }

  /** Every recorded run, newest first. Unreadable records are left out. */
  public List<RunRecord> list() throws IOException {
    List<RunRecord> runs = new ArrayList<>();
    for (URI dir : store.list(store.resolve("runs/"))) {
      String path = dir.getPath();
      String id = path.substring(path.lastIndexOf('/', path.length() - 2) + 1).replace("/", "");
      try {
        describe(id).ifPresent(runs::add);
      } catch (IOException | IllegalArgumentException e) {
        // a run being created right now, or a foreign directory: not a run to show
      }
    }
    runs.sort(Comparator.comparing(RunRecord::startedAt).reversed());
    return List.copyOf(runs);
  }

  /** Asks the process running {@code runId} to cancel it; it polls for this marker. */
  public void requestCancel(String runId) throws IOException {
    RunRecord record = describe(runId).orElseThrow(() -> new IllegalArgumentException(
        "no run '" + runId + "' in " + store.root() + "; see 'stepwise run list'"));
    if (record.state().isFinal()) {
      throw new IllegalStateException("run '" + runId + "' is already " + record.state());
    }
    store.write(cancelMarker(runId), new byte[0]);
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
    return describe(runId).orElseThrow(() -> new IllegalArgumentException(
        "no run '" + runId + "' in " + store.root() + "; see 'stepwise run list'"));
  }

  private static List<StepRecord> steps(RunRecord record, Optional<String> invocationId) {
    if (invocationId.isEmpty()) {
      return record.steps();
    }
    return List.of(record.step(invocationId.get()).orElseThrow(() -> new IllegalArgumentException(
        "run '" + record.runId() + "' has no step '" + invocationId.get() + "'; its steps are "
            + record.steps().stream().map(StepRecord::invocationId).toList())));
  }

}

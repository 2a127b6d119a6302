package dev.stepwise.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.artifact.ArtifactStore;
import dev.stepwise.artifact.LocalArtifactStore;
import dev.stepwise.fixtures.NumbersSteps;
import dev.stepwise.flavor.ComponentModel;
import dev.stepwise.flavor.ComponentType;
import dev.stepwise.flavor.StackView;
import dev.stepwise.operator.StepState;
import dev.stepwise.orchestrator.LocalOrchestrator;
import dev.stepwise.orchestrator.LocalStepOperator;
import dev.stepwise.orchestrator.LocalStepOperatorConfig;
import dev.stepwise.orchestrator.RunRecord;
import dev.stepwise.orchestrator.RunState;
import dev.stepwise.orchestrator.StepRecord;
import dev.stepwise.stack.ResolvedStack;
import dev.stepwise.support.JsonCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a run writes to its store, in order, as a reader would see it at each moment: the record is
 * written far less often than a step changes state, yet each write is a whole, readable record, a
 * step is recorded RUNNING before it runs or is launched, and its end is recorded before any step
 * that reads its output starts, and before the run is recorded as ended. Each write waits for the disk
 * as much as its readers need: the record always, an output's data through its {@code artifact.json}.
 */
class RunRecordWritesTest {
  @TempDir Path artifacts;

  @Test
  void eachStepIsRecordedRunningBeforeItRunsAndEndedBeforeItsDependantsStart() throws Exception {
    RecordingStore store = new RecordingStore(new LocalArtifactStore(artifacts));
    Pipeline pipeline = Pipeline.define("recorded", () -> {
      StepOutput<Long> squared = NumbersSteps.square(NumbersSteps.source(Input.of(3)));
      StepOutput<Long> sum = NumbersSteps.add(squared, squared);
      NumbersSteps.sink(NumbersSteps.add(sum, sum));
      NumbersSteps.summarize(Input.of("total"), sum); // local_ops: a child JVM
    });

    PipelineRun run = pipeline.run(RunOptions.defaults().onStack(stack(store)).withoutCache());

    assertEquals(RunState.COMPLETED, run.state(), () -> run.record().toString());
    List<Write> writes = store.writes();
    List<RunRecord> records = new ArrayList<>();
    for (Write write : writes) {
      if (write.path().endsWith("/run.json")) {
        records.add(JsonCodec.mapper().readValue(write.bytes(), RunRecord.class)); // each one whole and readable
      }
    }
    RunRecord last = records.get(records.size() - 1);
    assertEquals(RunState.COMPLETED, last.state());
    assertEquals(run.record(), last, "the last write is the record the run ended with");
    assertEquals(1, records.stream().filter(r -> r.state().isFinal()).count(), "the run's end is written once, last");

    for (StepRecord step : last.steps()) {
      String id = step.invocationId();
      int running = firstRecord(writes, id, s -> s.state() != StepState.PENDING);
      int ended = firstRecord(writes, id, s -> s.state().isFinal());
      assertEquals(StepState.RUNNING, record(writes, running).step(id).orElseThrow().state(),
          id + " is written RUNNING before it is written ended");
      // what the step itself writes (its output, result, or a launched step's spec) comes after its start
      // and its cache verdict are stored (a start that waits long for its key is stored before the verdict)
      int decided = firstRecord(writes, id, s -> s.state() == StepState.RUNNING && s.cache().isPresent());
      int ownWrite = firstIndex(writes, w -> w.path().contains("/steps/" + id + "/")
          && !w.path().endsWith("/log.txt"));
      assertTrue(running <= decided && decided < ownWrite, id + " was recorded RUNNING at write " + running
          + " with its verdict at write " + decided + " but wrote " + writes.get(ownWrite).path() + " at write "
          + ownWrite);
      assertTrue(ownWrite < ended, id + " was recorded ended before it wrote anything");
      assertTrue(last.steps().stream().filter(other -> other.upstream().contains(id))
          .allMatch(downstream -> firstRecord(writes, downstream.invocationId(),
              s -> s.state() != StepState.PENDING) > ended),
          id + "'s end must be stored before a step that reads its output starts");
    }

    // coalesced: an in-process step is written when it starts and when it ends (a launched one also at
    // each ended attempt), plus the record's creation and the run's end; a start held while the step's
    // key is computed may be written once more in a quiet moment. Writing every transition wrote an
    // in-process step four times (running, cache verdict, attempt, end).
    long inProcess = last.steps().stream().filter(s -> s.stepOperator().isEmpty()).count();
    long launched = last.steps().size() - inProcess;
    assertTrue(records.size() <= 3 * inProcess + 4 * launched + 2,
        records.size() + " writes of the record for " + last.steps().size() + " steps");
  }

  @Test
  void theRecordAndEachOutputAreDurableBeforeTheStepsEndIsRecordedAndAnInProcessResultNeedNotBe()
      throws Exception {
    RecordingStore store = new RecordingStore(new LocalArtifactStore(artifacts));
    Pipeline pipeline = Pipeline.define("durable", () -> {
      StepOutput<Long> squared = NumbersSteps.square(NumbersSteps.source(Input.of(3)));
      NumbersSteps.sink(NumbersSteps.add(squared, squared));
    });

    PipelineRun run = pipeline.run(RunOptions.defaults().onStack(stack(store)).withoutCache());

    assertEquals(RunState.COMPLETED, run.state(), () -> run.record().toString());
    List<Write> writes = store.writes();
    assertTrue(writes.stream().filter(w -> w.path().endsWith("/run.json")).allMatch(w -> w.sync() == Sync.DURABLE),
        "every write of the run record waits for the disk");
    for (StepRecord step : run.record().steps()) {
      String id = step.invocationId();
      int ended = firstRecord(writes, id, s -> s.state().isFinal());
      String stepDir = "/steps/" + id + "/";
      // the result record of a step run in this process is a hint for settling a killed run: no fsync
      int result = firstIndex(writes, w -> w.path().endsWith(stepDir + "result.json"));
      assertEquals(Sync.UNSYNCED, writes.get(result).sync(), id + "'s in-process result record");
      assertTrue(result < ended, id + "'s result record comes before its end is recorded");
      if (step.output().isEmpty()) {
        continue;
      }
      // its data may wait for the artifact.json written beside it, which must be durable before the
      // result record vouches for the output, and before the step's end is recorded
      String outputDir = stepDir + "output/";
      int data = firstIndex(writes, w -> w.path().endsWith(outputDir + "data.json"));
      int info = firstIndex(writes, w -> w.path().endsWith(outputDir + "artifact.json"));
      assertEquals(Sync.BEFORE_SIBLING, writes.get(data).sync(), id + "'s output data");
      assertEquals(Sync.DURABLE, writes.get(info).sync(), id + "'s artifact.json");
      assertTrue(data < info && info < result, id + ": data at " + data + ", artifact.json at " + info
          + ", result record at " + result);
    }
  }

  private static RunRecord record(List<Write> writes, int index) throws IOException {
    return JsonCodec.mapper().readValue(writes.get(index).bytes(), RunRecord.class);
  }

  /** The index of the first record write in which step {@code id} matches {@code state}. */
  private static int firstRecord(List<Write> writes, String id, Predicate<StepRecord> state) {
    return firstIndex(writes, w -> {
      if (!w.path().endsWith("/run.json")) {
        return false;
      }
      try {
        return state.test(JsonCodec.mapper().readValue(w.bytes(), RunRecord.class).step(id).orElseThrow());
      } catch (IOException e) {
        throw new AssertionError("unreadable record written: " + e, e);
      }
    });
  }

  private static int firstIndex(List<Write> writes, Predicate<Write> test) {
    for (int i = 0; i < writes.size(); i++) {
      if (test.test(writes.get(i))) {
        return i;
      }
    }
    throw new AssertionError("no such write among " + writes.stream().map(Write::path).toList());
  }

  private static ResolvedStack stack(ArtifactStore store) {
    return new ResolvedStack(new StackView("recorded", Map.of(
        ComponentType.ORCHESTRATOR, new ComponentModel("default", ComponentType.ORCHESTRATOR, "local", Map.of()),
        ComponentType.ARTIFACT_STORE, new ComponentModel("default", ComponentType.ARTIFACT_STORE, "local",
            Map.of("path", store.root().getPath())),
        ComponentType.STEP_OPERATOR, new ComponentModel("local_ops", ComponentType.STEP_OPERATOR, "local", Map.of()))),
        Map.of(ComponentType.ORCHESTRATOR, new LocalOrchestrator(2),
            ComponentType.ARTIFACT_STORE, store,
            ComponentType.STEP_OPERATOR, new LocalStepOperator("local_ops",
                new LocalStepOperatorConfig("", List.of("-Xmx256m", "-XX:TieredStopAtLevel=1")))));
  }

  /** How much a write waited for the disk, by the store method it went through. */
  private enum Sync { DURABLE, BEFORE_SIBLING, UNSYNCED }

  /** One whole-file write, as stored. */
  private record Write(String path, byte[] bytes, Sync sync) {}

  /** A local store that keeps, in order, every whole-file write made through it. */
  private static final class RecordingStore implements ArtifactStore {
    private final ArtifactStore store;
    private final List<Write> writes = new ArrayList<>();

    RecordingStore(ArtifactStore store) {
      this.store = store;
    }

    synchronized List<Write> writes() {
      return List.copyOf(writes);
    }

    @Override
    public void write(URI uri, ContentWriter content) throws IOException {
      record(uri, content, Sync.DURABLE);
    }

    @Override
    public void writeBeforeSibling(URI uri, ContentWriter content) throws IOException {
      record(uri, content, Sync.BEFORE_SIBLING);
    }

    @Override
    public void writeUnsynced(URI uri, byte[] bytes) throws IOException {
      record(uri, out -> out.write(bytes), Sync.UNSYNCED);
    }

    private void record(URI uri, ContentWriter content, Sync sync) throws IOException {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      content.writeTo(bytes);
      // under the lock: the order kept is the order in which the writes reached the store
      synchronized (this) {
        switch (sync) {
          case DURABLE -> store.write(uri, bytes.toByteArray());
          case BEFORE_SIBLING -> store.writeBeforeSibling(uri, bytes.toByteArray());
          case UNSYNCED -> store.writeUnsynced(uri, bytes.toByteArray());
        }
        writes.add(new Write(uri.getPath(), bytes.toByteArray(), sync));
      }
    }

    @Override
    public URI root() {
      return store.root();
    }

    @Override
    public URI resolve(String relativePath) {
      return store.resolve(relativePath);
    }

    @Override
    public InputStream open(URI uri) throws IOException {
      return store.open(uri);
    }

    @Override
    public boolean exists(URI uri) {
      return store.exists(uri);
    }

    @Override
    public List<URI> list(URI directory) throws IOException {
      return store.list(directory);
    }

    @Override
    public void delete(URI uri) throws IOException {
      store.delete(uri);
    }

    @Override
    public OutputStream append(URI uri) throws IOException {
      return store.append(uri);
    }

    @Override
    public boolean isLocal() {
      return true;
    }

    @Override
    public Optional<Path> localPath(URI uri) {
      return store.localPath(uri);
    }
  }
}

package dev.stepwise.orchestrator;

import dev.stepwise.artifact.ArtifactException;
import dev.stepwise.artifact.ArtifactStorage;
import dev.stepwise.cache.CacheVerdict;
import dev.stepwise.operator.StepLaunch;
import dev.stepwise.operator.StepLaunchException;
import dev.stepwise.operator.StepState;
import dev.stepwise.orchestrator.PipelinePlan.PlannedInput;
import dev.stepwise.orchestrator.PipelinePlan.PlannedStep;
import dev.stepwise.stack.ResolvedStack;
import dev.stepwise.step.StepError;
import dev.stepwise.step.StepResult;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of the local orchestrator: a coordinator thread that asks {@link RunScheduler} which
 * steps may start (at most {@code parallelism} at once) and which to skip, runs each on a worker
 * with {@link StepRunner}, handles cancellation, and records every transition in {@code run.json}.
 *
 * <p>Each write replaces the whole record durably, so transitions that no reader needs on their own
 * are kept in memory and written with the next one: a step is written when it starts (RUNNING with
 * its cache verdict, before anything is launched) and when it ends, and an in-process step's ended
 * attempt goes with its end. What the coordinator sees pending for a poll's length is written then.
 */
final class LocalRun implements RunHandle {
  private static final Logger LOG = LoggerFactory.getLogger(LocalRun.class);
  private static final Duration CANCEL_GRACE = Duration.ofSeconds(5);
  private static final Duration POLL = Duration.ofMillis(200);

  private final PipelinePlan plan;
  private final RunStore runs;
  private final ArtifactStorage storage;
  private final int parallelism;
  private final Map<String, PlannedStep> steps = new LinkedHashMap<>();
  private final Map<String, StepLaunch> launches = new ConcurrentHashMap<>();
  private final StepRunner runner;
  private final StepCaching caching;
  private final Map<String, StepPlacement> placements;
  private final LinkedBlockingQueue<String> finished = new LinkedBlockingQueue<>();
  private final CountDownLatch done = new CountDownLatch(1);
  private volatile boolean cancelRequested;
  // set once the coordinator stops the run for any reason; a step body that sees it does not start
  private volatile boolean stopping;
  // the worker thread of each step body now running, so a stop can interrupt in-process steps
  private final Map<String, Thread> stepThreads = new ConcurrentHashMap<>();
  /** Steps whose cancel could not be confirmed (their work may still run), with why. */
  private final Map<String, String> cancelFailures = new ConcurrentHashMap<>();
  private volatile Optional<String> recordProblem = Optional.empty();
  private RunRecord record;
  private final RunRecordWriter writer;
  // whether the record holds transitions not yet written (guarded by this)
  private boolean unwritten;
  // steps of a resumed run that were RUNNING when its orchestrator died: followed, not submitted again
  private final Set<String> reattach;
  private volatile Runnable onEnd = () -> {};
  // Ctrl-C: cancel the run so no step JVM outlives us and the record says CANCELLED
  private final Thread shutdownHook = new Thread(() -> {
    try {
      cancelRequested = true;
      finished.offer("");
      done.await(CANCEL_GRACE.toMillis() * 3, TimeUnit.MILLISECONDS);
    } catch (InterruptedException ignored) {
      Thread.currentThread().interrupt();
    }
  }, "stepwise-cancel-on-exit");

  /** A new run of {@code plan}; {@link #prepare()} stores it. */
  static LocalRun fresh(String runId, PipelinePlan plan, ResolvedStack stack, RunSettings settings,
      Map<String, StepPlacement> placements, RunStore runs, ArtifactStorage storage, int parallelism) {
    List<StepRecord> initial = new ArrayList<>();
    for (PlannedStep step : plan.steps()) {
      List<String> upstream = step.inputs().stream()
          .filter(i -> i instanceof PlannedInput.Upstream)
          .map(i -> ((PlannedInput.Upstream) i).invocationId())
          .distinct().toList();
      StepPlacement placement = placements.get(step.invocationId());
      initial.add(new StepRecord(step.invocationId(), step.stepName(),
          placement.operatorName(), upstream, StepState.PENDING,
          Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
          runs.stepFile(runId, step.invocationId(), "log.txt"), List.of(), placement.metadata().retries(),
          List.of(), Optional.empty()));
    }
    RunRecord record = new RunRecord(runId, plan.pipelineName(), stack.name(), RunState.RUNNING,
        Instant.now(), Optional.empty(), Optional.empty(),
        Optional.of(RunRecord.OrchestratorProcess.current()), initial)
        .withOrigin(RunOrigin.of(plan, settings));
    return new LocalRun(record, plan, stack, settings, placements, runs, storage, parallelism, Set.of());
  }

  /**
   * Run {@code earlier} again under its id: steps that succeeded keep their outputs, the RUNNING ones
   * (whose work may still run on a cluster) are followed with the attempt they were on, and the rest run
   * from their next attempt. {@link #prepareResume} stores it.
   */
  static LocalRun resumed(RunRecord earlier, PipelinePlan plan, ResolvedStack stack, RunSettings settings,
      Map<String, StepPlacement> placements, RunStore runs, ArtifactStorage storage, int parallelism) {
    Instant now = Instant.now();
    Set<String> reattach = new java.util.HashSet<>();
    List<StepRecord> steps = new ArrayList<>();
    for (StepRecord step : earlier.steps()) {
      if (step.state().succeeded()) {
        steps.add(step);
      } else if (step.state() == StepState.RUNNING) {
        reattach.add(step.invocationId());
        steps.add(step.running(step.startedAt().orElse(now)));
      } else {
        steps.add(step.reopened());
      }
    }
    List<Instant> resumes = new ArrayList<>(earlier.resumedAt());
    resumes.add(now);
    RunRecord record = earlier.withSteps(steps)
        .reopened(RunState.RUNNING, Optional.empty(), Optional.of(RunRecord.OrchestratorProcess.current()), resumes)
        .withOrigin(RunOrigin.of(plan, settings));
    return new LocalRun(record, plan, stack, settings, placements, runs, storage, parallelism, reattach);
  }

  private LocalRun(RunRecord record, PipelinePlan plan, ResolvedStack stack, RunSettings settings,
      Map<String, StepPlacement> placements, RunStore runs, ArtifactStorage storage, int parallelism,
      Set<String> reattach) {
    this.plan = plan;
    this.runs = runs;
    this.storage = storage;
    this.parallelism = parallelism;
    plan.steps().forEach(step -> steps.put(step.invocationId(), step));
    this.record = record;
    this.writer = new RunRecordWriter(runs);
    this.reattach = Set.copyOf(reattach);
    this.runner = new StepRunner(record.runId(), plan, placements, settings, runs, storage, stack,
        () -> cancelRequested, launches, CANCEL_GRACE);
    this.caching = new StepCaching(record.runId(), runs, settings);
    caching.succeededEarlier(record.steps());
    this.placements = Map.copyOf(placements);
  }

  /** Stores the literal inputs and the first record; throws (and leaves nothing) if that fails. */
  void prepare() throws IOException {
    try {
      for (PlannedStep step : plan.steps()) {
        var inputs = step.program().signature().inputs();
        for (int i = 0; i < step.inputs().size(); i++) {
          if (step.inputs().get(i) instanceof PlannedInput.Literal literal) {
            try {
              storage.save(runs.literalInput(runId(), step.invocationId(), literal.name()),
                  literal.value(), inputs.get(i).type());
            } catch (ArtifactException e) {
              throw new IllegalArgumentException("the literal for input '" + literal.name()
                  + "' of step '" + step.invocationId() + "' cannot be stored, so the run was not"
                  + " started: " + e.getMessage(), e);
            }
          }
        }
      }
      writer.write(record);
    } catch (IOException | RuntimeException e) {
      runs.artifactStore().delete(runs.runDirectory(runId()));
      throw e;
    }
  }

  /** Stores the resumed record (this process now runs the run), after dropping an old cancel request. */
  void prepareResume() throws IOException {
    runs.clearCancel(runId());
    writer.write(record);
  }

  void start() {
    start(() -> {});
  }

  /** Starts the coordinator; {@code onEnd} runs once the run's end is recorded. */
  void start(Runnable onEnd) {
    this.onEnd = onEnd;
    Runtime.getRuntime().addShutdownHook(shutdownHook);
    Thread coordinator = new Thread(this::coordinate, "stepwise-run-" + runId());
    coordinator.setDaemon(false);
    coordinator.start();
  }

  @Override
  public String runId() {
    return record.runId();
  }

  @Override
  public synchronized RunRecord record() {
    return record;
  }

  @Override
  public RunRecord await() throws InterruptedException {
    done.await();
    return record();
  }

  @Override
  public Optional<RunRecord> await(Duration timeout) throws InterruptedException {
    return done.await(timeout.toMillis(), TimeUnit.MILLISECONDS) ? Optional.of(record()) : Optional.empty();
  }

  @Override
  public RunRecord cancel() throws InterruptedException {
    cancelRequested = true;
    finished.offer(""); // wake the coordinator
    return await();
  }

  @Override
  public Object output(String invocationId) {
    PlannedStep step = steps.get(invocationId);
    if (step == null) {
      throw new IllegalArgumentException("run '" + runId() + "' has no step '" + invocationId + "'");
    }
    StepRecord stepRecord = record().step(invocationId).orElseThrow();
    if (step.program().signature().outputType().isEmpty()) {
      throw new IllegalStateException("step '" + invocationId + "' returns void; it has no output");
    }
    URI output = stepRecord.output().orElseThrow(() -> new IllegalStateException("step '"
        + invocationId + "' of run '" + runId() + "' is " + stepRecord.state()
        + " and has no stored output" + stepRecord.error().map(e -> ": " + e.summary()).orElse("")));
    try {
      return storage.load(output, step.program().signature().outputType().get());
    } catch (ArtifactException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  // ---- the coordinator

  private void coordinate() {
    ExecutorService workers = Executors.newFixedThreadPool(parallelism, r -> {
      Thread t = new Thread(r, "stepwise-step-" + runId());
      t.setDaemon(true);
      return t;
    });
    Map<String, Future<?>> running = new LinkedHashMap<>();
    ThreadOutputRouter.install();
    try {
      for (String id : reattach) {
        running.put(id, workers.submit(() -> body(id)));
      }
      while (true) {
        if (!cancelRequested && runs.cancelRequested(runId())) {
          cancelRequested = true;
        }
        if (cancelRequested) {
          cancelEverything(running);
          break;
        }
        scheduleReady(workers, running);
        if (running.isEmpty()) {
          break;
        }
        String ended = finished.poll(POLL.toMillis(), TimeUnit.MILLISECONDS);
        if (ended == null) {
          writeHeldTransitions(); // a quiet moment: readers see what the steps now running have done so far
        } else if (!ended.isEmpty()) {
          running.remove(ended);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      cancelEverything(running);
    } catch (RuntimeException e) {
      LOG.error("run {} failed in the orchestrator", runId(), e);
      cancelEverything(running);
    } finally {
      workers.shutdownNow();
      ThreadOutputRouter.uninstall();
      finish();
      onEnd.run();
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is what is waiting for us
      }
      done.countDown();
    }
  }

  private void scheduleReady(ExecutorService workers, Map<String, Future<?>> running) {
    RunScheduler.Decision decision = RunScheduler.next(record().steps(), running.keySet(), parallelism);
    for (RunScheduler.Skip skip : decision.skips()) {
      holdTransition(skip.invocationId(), s -> s.ended(StepState.SKIPPED, Optional.empty(),
          Optional.of(StepError.of("skipped because upstream step '" + skip.upstream() + "' is "
              + skip.upstreamState())), Optional.empty(), Instant.now()));
    }
    if (!decision.skips().isEmpty()) {
      writeHeldTransitions(); // all skips in one write, before any step that follows them runs
    }
    for (String id : decision.starts()) {
      // written by the worker with the step's cache verdict, before the step runs or is launched
      holdTransition(id, s -> s.running(Instant.now()));
      running.put(id, workers.submit(() -> body(id)));
    }
  }

  /** A worker's whole job for step {@code id}: run it, record how it ended, report that it ended. */
  private void body(String id) {
    stepThreads.put(id, Thread.currentThread());
    try {
      // checked after registering: a stop that came first is seen here, one that comes later interrupts us
      if (!stopping) {
        runStep(id);
      }
    } catch (RuntimeException | Error e) {
      transition(id, s -> s.state().isFinal() ? s : s.ended(StepState.FAILED, Optional.empty(),
          Optional.of(StepError.of("the orchestrator failed running step '" + id + "'", e)),
          Optional.empty(), Instant.now()));
      if (e instanceof Error fatal) {
        throw fatal;
      }
    } finally {
      stepThreads.remove(id);
      finished.offer(id);
    }
  }

  /** Takes step {@code id} from the cache, or runs it and remembers its output for later runs. */
  private void runStep(String id) {
    int attempt = record().step(id).orElseThrow().nextAttempt();
    if (reattach.contains(id)) {
      // no cache decision: this step's attempt was submitted before, and is followed to its end
      runner.run(id, record(), "stepwise: run resumed; following attempt " + attempt + ", which the orchestrator"
          + " that died had launched, instead of submitting it again",
          a -> attemptEnded(id, a), attempt, true).ifPresent(outcome -> recordOutcome(id, outcome));
      return;
    }
    long lookupStart = System.nanoTime();
    StepCaching.Decision decision = decide(id);
    long lookupMillis = (System.nanoTime() - lookupStart) / 1_000_000;
    CacheVerdict verdict = decision.verdict();
    String line = "stepwise: " + verdict.sentence() + " (key and lookup: " + lookupMillis + " ms)";
    if (verdict.hit()) {
      runner.logOnly(id, record(), line);
      transition(id, s -> s.state().isFinal() ? s : s.cached(verdict, Instant.now()));
      caching.ended(id, decision, verdict.output(), false);
      return;
    }
    transition(id, s -> s.withCache(verdict));
    runner.run(id, record(), line, a -> attemptEnded(id, a), attempt, false).ifPresent(outcome -> {
      recordOutcome(id, outcome);
      if (outcome.result().succeeded()) {
        caching.ended(id, decision, outcome.result().output(), true);
      }
    });
  }

  /**
   * Records an ended attempt. A launched step's is written at once: a resumed run follows the attempt
   * after the ones recorded, so the record must not lag behind what was launched. An in-process
   * step's attempt dies with this process, and is written with the step's end or next attempt.
   */
  private void attemptEnded(String id, StepAttempt attempt) {
    if (placements.get(id).operator().isPresent()) {
      transition(id, s -> s.withAttempt(attempt));
    } else {
      holdTransition(id, s -> s.withAttempt(attempt));
    }
  }

  private StepCaching.Decision decide(String id) {
    try {
      return caching.decide(steps.get(id), placements.get(id), record());
    } catch (RuntimeException e) {
      // the cache is an optimisation: a key that cannot be computed runs the step, and says why
      LOG.warn("step '{}': no cache key: {}", id, e.toString());
      return new StepCaching.Decision(CacheVerdict.off("its cache key could not be computed: " + e.getMessage()),
          Optional.empty());
    }
  }

  private void recordOutcome(String id, StepRunner.Outcome outcome) {
    StepResult result = outcome.result();
    transition(id, s -> s.state().isFinal() ? s : result.succeeded()
        ? s.ended(StepState.COMPLETED, outcome.exitCode(), Optional.empty(), result.output(), Instant.now())
        : s.ended(StepState.FAILED, outcome.exitCode(), result.error(), Optional.empty(), Instant.now())
            .withLogTail(outcome.logTail()));
  }

  private void cancelEverything(Map<String, Future<?>> running) {
    for (Map.Entry<String, StepLaunch> launch : launches.entrySet()) {
      try {
        launch.getValue().cancel(CANCEL_GRACE);
      } catch (StepLaunchException e) {
        LOG.error("cancelling step '{}': {}", launch.getKey(), e.getMessage());
        cancelFailures.put(launch.getKey(), e.getMessage());
        // not CANCELLED: its work may still be running, and the user must hear why
        transition(launch.getKey(), s -> s.state().isFinal() ? s : s.ended(StepState.FAILED, Optional.empty(),
            Optional.of(StepError.of("cancel could not be confirmed: " + e.getMessage())), Optional.empty(), Instant.now()));
      }
    }
    // Interrupt the bodies that run; a body not yet started sees 'stopping' and ends at once. (Cancelling
    // its Future instead would skip the body, and with it the report that it ended.)
    stopping = true;
    stepThreads.values().forEach(Thread::interrupt);
    long deadline = System.nanoTime() + CANCEL_GRACE.toNanos();
    while (!running.isEmpty() && System.nanoTime() < deadline) {
      try {
        String ended = finished.poll(POLL.toMillis(), TimeUnit.MILLISECONDS);
        if (ended != null) {
          running.remove(ended);
        }
      } catch (InterruptedException e) {
        break;
      }
    }
    Instant now = Instant.now();
    for (StepRecord step : record().steps()) {
      if (!step.state().isFinal()) {
        transition(step.invocationId(), s -> s.state().isFinal() ? s : s.ended(StepState.CANCELLED,
            Optional.empty(), Optional.of(StepError.of("the run was cancelled")), Optional.empty(), now));
      }
    }
  }

  private void finish() {
    synchronized (this) {
      List<StepRecord> all = record.steps();
      RunState state;
      Optional<String> error = Optional.empty();
      if (cancelRequested && !cancelFailures.isEmpty()) {
        state = RunState.FAILED;
        error = Optional.of("cancel could not be confirmed for " + cancelFailures.keySet().stream().sorted().toList()
            + ": " + String.join("; ", cancelFailures.values()));
      } else if (cancelRequested) {
        state = RunState.CANCELLED;
        error = Optional.of("cancelled");
      } else if (all.stream().anyMatch(s -> !s.state().succeeded())) {
        state = RunState.FAILED;
        error = Optional.of("failed steps: " + all.stream()
            .filter(s -> s.state() == StepState.FAILED).map(StepRecord::invocationId).toList());
      } else {
        state = RunState.COMPLETED;
      }
      record = record.ended(state, Instant.now(), error);
      persist();
    }
  }

  /** Changes step {@code invocationId} and writes the record durably before returning. */
  private synchronized void transition(String invocationId, UnaryOperator<StepRecord> change) {
    record = record.withStep(invocationId, change);
    persist();
  }

  /** Changes step {@code invocationId} in memory only; the next write (or a quiet poll) stores it. */
  private synchronized void holdTransition(String invocationId, UnaryOperator<StepRecord> change) {
    record = record.withStep(invocationId, change);
    unwritten = true;
  }

  private synchronized void writeHeldTransitions() {
    if (unwritten) {
      persist();
    }
  }

  private synchronized void persist() {
    unwritten = false;
    try {
      writer.write(record);
    } catch (IOException e) {
      // the run goes on, but the stored record is now stale: say so once, loudly, where the user looks
      if (recordProblem.isEmpty()) {
        String problem = e.getMessage() + "; the stored record is stale and will not show how this run ends";
        recordProblem = Optional.of(problem);
        ThreadOutputRouter.console().println("stepwise: " + problem);
      }
      LOG.error("cannot write the record of run {}: {}", runId(), e.toString());
    }
  }

  @Override
  public Optional<String> recordProblem() {
    return recordProblem;
  }

  static String newRunId(String pipelineName) {
    String safe = pipelineName.replaceAll("[^A-Za-z0-9_.-]", "_");
    String time = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
        .withZone(java.time.ZoneOffset.UTC).format(Instant.now());
    return safe + "-" + time + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
  }
}

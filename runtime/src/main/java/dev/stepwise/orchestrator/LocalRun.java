package dev.stepwise.orchestrator;

import dev.stepwise.artifact.ArtifactException;
import dev.stepwise.artifact.ArtifactStorage;
import dev.stepwise.operator.EntrypointCommand;
import dev.stepwise.operator.StepLaunch;
import dev.stepwise.operator.StepLaunchException;
import dev.stepwise.operator.StepLog;
import dev.stepwise.operator.StepRunInfo;
import dev.stepwise.operator.StepState;
import dev.stepwise.orchestrator.PipelinePlan.PlannedInput;
import dev.stepwise.orchestrator.PipelinePlan.PlannedStep;
import dev.stepwise.stack.ResolvedStack;
import dev.stepwise.step.StepError;
import dev.stepwise.step.StepExecution;
import dev.stepwise.step.StepExitCode;
import dev.stepwise.step.StepResult;
import dev.stepwise.step.StepRunSpec;
import dev.stepwise.support.JsonCodec;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of the local orchestrator: a coordinator thread that starts each step once its upstream
 * steps completed (at most {@code parallelism} at once), skips the dependants of failed steps,
 * and records every transition in {@code run.json}.
 */
final class LocalRun implements RunHandle {
  private static final Logger LOG = LoggerFactory.getLogger(LocalRun.class);
  private static final Duration CANCEL_GRACE = Duration.ofSeconds(5);
  private static final Duration POLL = Duration.ofMillis(200);

  private final PipelinePlan plan;
  private final ResolvedStack stack;
  private final RunSettings settings;
  private final Map<String, StepPlacement> placements;
  private final RunStore runs;
  private final ArtifactStorage storage;
  private final int parallelism;
  private final Map<String, PlannedStep> steps = new LinkedHashMap<>();
  private final Map<String, StepLaunch> launches = new ConcurrentHashMap<>();
  private final LinkedBlockingQueue<String> finished = new LinkedBlockingQueue<>();
  private final CountDownLatch done = new CountDownLatch(1);
  private volatile boolean cancelRequested;
  private RunRecord record;
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

  LocalRun(String runId, PipelinePlan plan, ResolvedStack stack, RunSettings settings,
      Map<String, StepPlacement> placements, RunStore runs, ArtifactStorage storage, int parallelism) {
    this.plan = plan;
    this.stack = stack;
    this.settings = settings;
    this.placements = placements;
    this.runs = runs;
    this.storage = storage;
    this.parallelism = parallelism;
    List<StepRecord> initial = new ArrayList<>();
    for (PlannedStep step : plan.steps()) {
      steps.put(step.invocationId(), step);
      List<String> upstream = step.inputs().stream()
          .filter(i -> i instanceof PlannedInput.Upstream)
          .map(i -> ((PlannedInput.Upstream) i).invocationId())
          .distinct().toList();
      initial.add(new StepRecord(step.invocationId(), step.stepName(),
          placements.get(step.invocationId()).operatorName(), upstream, StepState.PENDING,
          Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
          runs.stepFile(runId, step.invocationId(), "log.txt")));
    }
    this.record = new RunRecord(runId, plan.pipelineName(), stack.name(), RunState.RUNNING,
        Instant.now(), Optional.empty(), Optional.empty(),
        Optional.of(RunRecord.OrchestratorProcess.current()), initial);
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
      runs.write(record);
    } catch (IOException | RuntimeException e) {
      runs.artifactStore().delete(runs.runDirectory(runId()));
      throw e;
    }
  }

  void start() {
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
        if (ended != null && !ended.isEmpty()) {
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
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is what is waiting for us
      }
      done.countDown();
    }
  }

  private void scheduleReady(ExecutorService workers, Map<String, Future<?>> running) {
    for (StepRecord step : record().steps()) {
      if (step.state() != StepState.PENDING || running.containsKey(step.invocationId())) {
        continue;
      }
      Optional<StepRecord> blocked = step.upstream().stream()
          .map(id -> record().step(id).orElseThrow())
          .filter(up -> up.state() == StepState.FAILED || up.state() == StepState.SKIPPED
              || up.state() == StepState.CANCELLED)
          .findFirst();
      if (blocked.isPresent()) {
        transition(step.invocationId(), s -> s.ended(StepState.SKIPPED, Optional.empty(),
            Optional.of(StepError.of("skipped because upstream step '" + blocked.get().invocationId()
                + "' is " + blocked.get().state())), Optional.empty(), Instant.now()));
        continue;
      }
      boolean ready = step.upstream().stream()
          .allMatch(id -> record().step(id).orElseThrow().state() == StepState.COMPLETED);
      if (ready && running.size() < parallelism) {
        transition(step.invocationId(), s -> s.running(Instant.now()));
        String id = step.invocationId();
        running.put(id, workers.submit(() -> {
          try {
            runStep(id);
          } catch (RuntimeException | Error e) {
            transition(id, s -> s.state().isFinal() ? s : s.ended(StepState.FAILED, Optional.empty(),
                Optional.of(StepError.of("the orchestrator failed running step '" + id + "'", e)),
                Optional.empty(), Instant.now()));
            if (e instanceof Error fatal) {
              throw fatal;
            }
          } finally {
            finished.offer(id);
          }
        }));
      }
    }
    // a skip can make further steps skippable: repeat until nothing changes
    if (record().steps().stream().anyMatch(s -> s.state() == StepState.PENDING
        && s.upstream().stream().anyMatch(id -> {
          StepState up = record().step(id).orElseThrow().state();
          return up == StepState.FAILED || up == StepState.SKIPPED || up == StepState.CANCELLED;
        }))) {
      scheduleReady(workers, running);
    }
  }

  private void cancelEverything(Map<String, Future<?>> running) {
    for (Map.Entry<String, StepLaunch> launch : launches.entrySet()) {
      try {
        launch.getValue().cancel(CANCEL_GRACE);
      } catch (StepLaunchException e) {
        LOG.error("cancelling step '{}': {}", launch.getKey(), e.getMessage());
      }
    }
    running.values().forEach(f -> f.cancel(true)); // interrupts in-process steps
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
      if (cancelRequested) {
        state = RunState.CANCELLED;
        error = Optional.of("cancelled");
      } else if (all.stream().anyMatch(s -> s.state() != StepState.COMPLETED)) {
        state = RunState.FAILED;
        error = Optional.of("failed steps: " + all.stream()
            .filter(s -> s.state() == StepState.FAILED).map(StepRecord::invocationId).toList());
      } else {
        state = RunState.COMPLETED;
      }
      record = new RunRecord(record.runId(), record.pipeline(), record.stack(), state,
          record.startedAt(), Optional.of(Instant.now()), error, record.orchestrator(), all);
      persist();
    }
  }

  private synchronized void transition(String invocationId, java.util.function.UnaryOperator<StepRecord> change) {
    List<StepRecord> updated = new ArrayList<>();
    for (StepRecord s : record.steps()) {
      updated.add(s.invocationId().equals(invocationId) ? change.apply(s) : s);
    }
    record = new RunRecord(record.runId(), record.pipeline(), record.stack(), record.state(),
        record.startedAt(), record.endedAt(), record.error(), record.orchestrator(), updated);
    persist();
  }

  private void persist() {
    try {
      runs.write(record);
    } catch (IOException e) {
      LOG.error("cannot write the record of run {}: {}", runId(), e.toString());
    }
  }

  // ---- one step

  private void runStep(String invocationId) {
    PlannedStep step = steps.get(invocationId);
    StepPlacement placement = placements.get(invocationId);
    StepRecord stepRecord = record().step(invocationId).orElseThrow();
    URI output = runs.stepFile(runId(), invocationId, "output/");
    Map<String, URI> inputs = new LinkedHashMap<>();
    for (PlannedInput input : step.inputs()) {
      URI uri = input instanceof PlannedInput.Upstream upstream
          ? record().step(upstream.invocationId()).orElseThrow().output().orElseThrow()
          : runs.literalInput(runId(), invocationId, input.name());
      inputs.put(input.name(), uri);
    }
    StepRunSpec spec = new StepRunSpec(runId(), plan.pipelineName(), step.stepName(), invocationId,
        runs.artifactStore().root(), inputs, output, runs.stepFile(runId(), invocationId, "result.json"));
    URI specUri = runs.stepFile(runId(), invocationId, "spec.json");

    StepResult result;
    Optional<Integer> exitCode;
    try (StepLogFile log = new StepLogFile(invocationId,
        runs.artifactStore().append(stepRecord.log()), ThreadOutputRouter.console())) {
      runs.artifactStore().write(specUri, JsonCodec.mapper().writeValueAsBytes(spec));
      if (placement.operator().isEmpty()) {
        ThreadOutputRouter.bind(log);
        try {
          result = new StepExecution(storage, false).execute(spec, step.program());
        } finally {
          ThreadOutputRouter.unbind();
        }
        StepResult failed = result;
        // the same report a step JVM prints, so 'run logs' explains in-process failures too
        failed.error().filter(e -> !cancelRequested).ifPresent(error -> {
          log.line(StepLog.Stream.STDERR, "stepwise: step '" + invocationId + "' failed with exit code "
              + failed.exitCode() + " (" + failed.status() + "): " + error.message());
          error.stackTrace().lines().forEach(line -> log.line(StepLog.Stream.STDERR, line));
        });
        exitCode = Optional.of(result.exitCode());
      } else {
        int code = launch(placement, step, spec, specUri, log);
        exitCode = Optional.of(code);
        result = readResult(spec, code);
      }
    } catch (IOException | StepLaunchException e) {
      result = StepResult.failure(StepExitCode.ENTRYPOINT_FAILED,
          StepError.of("step '" + invocationId + "' could not be started", e), Instant.now());
      exitCode = Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return; // cancelled; the coordinator records it
    }

    if (cancelRequested && !result.succeeded()) {
      return; // killed by the cancel: the coordinator records it CANCELLED
    }
    StepResult finalResult = result;
    Optional<Integer> finalCode = exitCode;
    transition(invocationId, s -> s.state().isFinal() ? s : finalResult.succeeded()
        ? s.ended(StepState.COMPLETED, finalCode, Optional.empty(), finalResult.output(), Instant.now())
        : s.ended(StepState.FAILED, finalCode, finalResult.error(), Optional.empty(), Instant.now()));
  }

  private int launch(StepPlacement placement, PlannedStep step, StepRunSpec spec, URI specUri,
      StepLog log) throws StepLaunchException, InterruptedException {
    List<String> classpath = settings.classpath().isEmpty()
        ? List.of(System.getProperty("java.class.path").split(File.pathSeparator))
        : settings.classpath();
    // the store's settings and credentials first: a step JVM opens the store from the spec's URI
    Map<String, String> environment = new LinkedHashMap<>(runs.artifactStore().childEnvironment());
    environment.putAll(settings.environment());
    environment.put("STEPWISE_RUN_ID", runId());
    EntrypointCommand command = new EntrypointCommand(EntrypointCommand.currentJava(), List.of(),
        classpath, placement.metadata().entrypointClass(), List.of("--spec", specUri.toString()),
        environment);
    StepRunInfo info = new StepRunInfo(runId(), plan.pipelineName(), step.invocationId(),
        placement.metadata(), specUri, spec.result(), stack, runs.artifactStore(), log,
        settings.sparkConfFor(step.invocationId(), step.stepName()));
    StepLaunch launch = placement.operator().get().launch(info, command);
    launches.put(step.invocationId(), launch);
    try {
      if (cancelRequested) {
        throw new InterruptedException("cancelled while launching");
      }
      return launch.await();
    } catch (InterruptedException e) {
      // a cancel that came between launch and await: stop what was just started
      try {
        launch.cancel(CANCEL_GRACE);
      } catch (StepLaunchException notStopped) {
        LOG.error("cancelling step '{}': {}", step.invocationId(), notStopped.getMessage());
      }
      throw e;
    } finally {
      launches.remove(step.invocationId());
    }
  }

  /** The entrypoint's result record, or a failure saying why there is none. */
  private StepResult readResult(StepRunSpec spec, int exitCode) {
    try {
      if (runs.artifactStore().exists(spec.result())) {
        StepResult result = JsonCodec.mapper().readValue(
            runs.artifactStore().read(spec.result()), StepResult.class);
        if (result.exitCode() == exitCode) {
          return result;
        }
      }
    } catch (IOException e) {
      LOG.warn("unreadable result record {}: {}", spec.result(), e.toString());
    }
    String meaning = StepExitCode.of(exitCode).map(c -> " (" + c + ")")
        .orElse(exitCode > 128 ? " (killed by signal " + (exitCode - 128) + ")" : "");
    return StepResult.failure(StepExitCode.ENTRYPOINT_FAILED, StepError.of("the step's JVM exited with code "
        + exitCode + meaning + " without a matching result record; see the step's log"), Instant.now());
  }

  static String newRunId(String pipelineName) {
    String safe = pipelineName.replaceAll("[^A-Za-z0-9_.-]", "_");
    String time = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
        .withZone(java.time.ZoneOffset.UTC).format(Instant.now());
    return safe + "-" + time + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
  }
}

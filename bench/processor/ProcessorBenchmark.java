import dev.stepwise.processor.StepProcessor;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * How much the Stepwise processor adds to javac. For each N it generates N step methods (10 per
 * class, each with a realistic small body and 1-3 inputs of the common kinds), then compiles the
 * same sources in this JVM with {@code -proc:none} and with the processor, interleaved, after
 * warm-up, and prints medians. "with" includes compiling the generated entrypoints and stubs; to
 * tell the processor's own cost from javac's cost of compiling what it generated, it also reports
 * the time spent inside the processor and a plain compile of user plus generated sources.
 *
 * <p>Two fixtures: the worst case (step classes only) and a realistic module (the same step classes
 * plus nine times as much plain code, so that steps are a tenth of it). With {@code -Dbench.before}
 * (a class path holding another build of the processor) it also compiles with that processor,
 * interleaved in the same iterations, for a before/after comparison in one run. At N = 500 it prints
 * one {@code GOAL ...} line per goal of issue 14.
 *
 * <p>Run through {@code bench/processor/run.sh}; arguments: N values (default 50 500 2000).
 */
public final class ProcessorBenchmark {

  private static final int STEPS_PER_CLASS = 10;

  public static void main(String[] args) throws Exception {
    int[] sizes = args.length == 0 ? new int[] {50, 500, 2000} : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    // -Dbench.dir picks where sources and outputs go (file creation speed differs a lot between disks)
    Path base = Path.of(System.getProperty("bench.dir", System.getProperty("java.io.tmpdir")));
    Path root = Files.createTempDirectory(Files.createDirectories(base), "stepwise-bench");
    System.out.println("work directory: " + root + "; " + Runtime.getRuntime().availableProcessors() + " cpus; "
        + System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    Processors processors = new Processors(System.getProperty("bench.before", ""));
    System.out.println("load average at start: " + loadAverage());
    try {
      header(processors);
      List<Row> rows = new ArrayList<>();
      for (int n : sizes) {
        rows.add(measure(javac, root, n, Fixture.WORST_CASE, processors));
      }
      boolean realistic = Arrays.stream(sizes).anyMatch(n -> n == GOAL_N);
      if (realistic) {
        rows.add(measure(javac, root, GOAL_N, Fixture.REALISTIC, processors));
      }
      System.out.println("ratio = with / without; ms/step = (with - without) / N. cpu = user+system time of the"
          + " compiling thread (steadier than wall time on a shared machine). inside processor = time in the"
          + " processor's init/process calls. gen-as-src = -proc:none compile of the user sources plus the"
          + " generated sources: what javac spends on the generated code without running the processor."
          + (processors.before().isPresent() ? " before = the same with the processor from -Dbench.before"
              + " (its generated code compiled against today's runtime), interleaved with the others." : ""));
      System.out.println("load average at end: " + loadAverage());
      for (Row row : rows) {
        if (row.n() == GOAL_N && row.fixture() == Fixture.WORST_CASE) {
          goal("processor-n500-ratio", row.cpuRatio(), 2.0);
          goal("processor-n500-cpu-ms-per-step", row.cpuMsPerStep(), 0.6);
        }
        if (row.n() == GOAL_N && row.fixture() == Fixture.REALISTIC) {
          goal("processor-realistic-module-ratio", row.cpuRatio(), 1.15);
        }
      }
    } finally {
      try (Stream<Path> walk = Files.walk(root)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** The N at which the goals of issue 14 are set. */
  private static final int GOAL_N = 500;

  enum Mode { WITHOUT, WITH, GENERATED_AS_SOURCES, WITH_BEFORE }

  /** Step classes only (the worst case for the ratio), or those plus nine times as much plain code. */
  enum Fixture { WORST_CASE, REALISTIC }

  /** The medians of one N and fixture, in milliseconds. */
  record Row(int n, Fixture fixture, double cpuWithout, double cpuWith) {
    double cpuRatio() {
      return cpuWith / cpuWithout;
    }

    double cpuMsPerStep() {
      return (cpuWith - cpuWithout) / n;
    }
  }

  /** Today's processor (from this class path), and the one of {@code -Dbench.before}, if given. */
  record Processors(Optional<ClassLoader> before) {
    Processors(String beforeClassPath) {
      this(beforeClassPath.isEmpty() ? Optional.empty() : Optional.of(isolatedLoader(beforeClassPath)));
    }

    javax.annotation.processing.Processor create(Mode mode) {
      if (mode == Mode.WITH) {
        return new StepProcessor();
      }
      try {
        return (javax.annotation.processing.Processor) before.orElseThrow()
            .loadClass(StepProcessor.class.getName()).getConstructor().newInstance();
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot load the processor of -Dbench.before", e);
      }
    }

    /** Its own JavaPoet and annotations too, nothing from this class path (same class names). */
    private static ClassLoader isolatedLoader(String classPath) {
      java.net.URL[] urls = Arrays.stream(classPath.split(java.io.File.pathSeparator)).map(p -> {
        try {
          return Path.of(p).toUri().toURL();
        } catch (java.net.MalformedURLException e) {
          throw new IllegalArgumentException(p, e);
        }
      }).toArray(java.net.URL[]::new);
      return new java.net.URLClassLoader(urls, ClassLoader.getPlatformClassLoader());
    }
  }

  private static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
      return fields[0] + " " + fields[1] + " " + fields[2] + " (1, 5, 15 min)";
    } catch (IOException e) {
      return "unknown (" + e.getMessage() + ")";
    }
  }

  private static void goal(String name, double value, double goal) {
    System.out.printf(Locale.ROOT, "GOAL %s value=%.2f goal<=%s %s%n", name, value, goal, value <= goal ? "met" : "missed");
  }

  private static void header(Processors processors) {
    boolean before = processors.before().isPresent();
    System.out.printf(Locale.ROOT, "%-10s %6s %5s | %-33s | %-33s | %-17s | %-8s%s%n",
        "", "", "", "wall ms (median)", "cpu ms of javac's thread (median)", "inside processor", "gen-as-src",
        before ? " | before: cpu ms (median)" : "");
    System.out.printf(Locale.ROOT, "%-10s %6s %5s | %8s %8s %6s %8s | %8s %8s %6s %8s | %8s %8s | %8s%s%n",
        "fixture", "N", "reps", "without", "with", "ratio", "ms/step", "without", "with", "ratio", "ms/step",
        "wall", "cpu", "cpu ms", before ? String.format(Locale.ROOT, " | %8s %6s %8s", "with", "ratio", "ms/step") : "");
  }

  private static Row measure(JavaCompiler javac, Path root, int n, Fixture fixture, Processors processors)
      throws IOException {
    Path src = generate(root.resolve(fixture.name().toLowerCase(Locale.ROOT) + "-n" + n), n, fixture);
    List<Path> files;
    try (Stream<Path> walk = Files.walk(src)) {
      files = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
    int warmup = n >= 2000 ? 1 : 3;
    int reps = n >= 2000 ? 3 : n >= 500 ? 5 : 9;
    boolean before = processors.before().isPresent();
    List<Times> without = new ArrayList<>();
    List<Times> with = new ArrayList<>();
    List<Times> inProcessor = new ArrayList<>();
    List<Times> generatedAsSources = new ArrayList<>();
    List<Times> withBefore = new ArrayList<>();
    for (int i = 0; i < warmup + reps; i++) {
      // alternate the order of the two processors, so neither always runs on a warmer JIT
      Times b0 = before && i % 2 == 1 ? compile(javac, root, files, Mode.WITH_BEFORE, processors) : null;
      Times a = compile(javac, root, files, Mode.WITHOUT, processors);
      processorWall = 0;
      processorCpu = 0;
      Times b = compile(javac, root, files, Mode.WITH, processors);
      Times inside = new Times(processorWall, processorCpu);
      Times c = compile(javac, root, files, Mode.GENERATED_AS_SOURCES, processors);
      Times b1 = before && i % 2 == 0 ? compile(javac, root, files, Mode.WITH_BEFORE, processors) : null;
      if (i >= warmup) {
        without.add(a);
        with.add(b);
        inProcessor.add(inside);
        generatedAsSources.add(c);
        if (before) {
          withBefore.add(b0 != null ? b0 : b1);
        }
      }
    }
    double w0 = median(without, Times::wall);
    double w1 = median(with, Times::wall);
    double c0 = median(without, Times::cpu);
    double c1 = median(with, Times::cpu);
    String beforeColumns = "";
    if (before) {
      double cb = median(withBefore, Times::cpu);
      beforeColumns = String.format(Locale.ROOT, " | %8.0f %6.2f %8.2f", cb, cb / c0, (cb - c0) / n);
    }
    System.out.printf(Locale.ROOT, "%-10s %6d %5d | %8.0f %8.0f %6.2f %8.2f | %8.0f %8.0f %6.2f %8.2f | %8.0f %8.0f | %8.0f%s%n",
        fixture.name().toLowerCase(Locale.ROOT).replace('_', '-'), n, reps, w0, w1, w1 / w0, (w1 - w0) / n,
        c0, c1, c1 / c0, (c1 - c0) / n, median(inProcessor, Times::wall), median(inProcessor, Times::cpu),
        median(generatedAsSources, Times::cpu), beforeColumns);
    double inside = median(inProcessor, Times::cpu);
    double generated = median(generatedAsSources, Times::cpu) - c0;
    System.out.printf(Locale.ROOT, "%-10s %6d       | cpu ms added by the processor, %.0f: its own calls %.0f, javac compiling"
            + " its output once %.0f, the rest (javac's extra rounds: every source entered again) %.0f%n",
        "", n, c1 - c0, inside, generated, c1 - c0 - inside - generated);
    return new Row(n, fixture, c0, c1);
  }

  /** Time spent inside the processor's init and process calls, summed over rounds. */
  static long processorWall;
  static long processorCpu;

  private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

  /** One measurement, in nanoseconds. */
  record Times(long wall, long cpu) {}

  private static Times compile(JavaCompiler javac, Path root, List<Path> files, Mode mode, Processors processors)
      throws IOException {
    if (mode == Mode.GENERATED_AS_SOURCES) {
      // what javac spends on the generated code alone: user sources plus the WITH run's output, no processing
      try (Stream<Path> walk = Files.walk(root.resolve("gen-" + Mode.WITH))) {
        files = Stream.concat(files.stream(), walk.filter(p -> p.toString().endsWith(".java"))).toList();
      }
    }
    Path out = root.resolve("out-" + mode);
    Path gen = root.resolve("gen-" + mode);
    for (Path dir : List.of(out, gen)) {
      if (Files.exists(dir)) {
        try (Stream<Path> walk = Files.walk(dir)) {
          walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
      Files.createDirectories(dir);
    }
    List<String> options = new ArrayList<>(List.of(
        "-cp", System.getProperty("java.class.path"), "-d", out.toString(), "-s", gen.toString(),
        "-encoding", "UTF-8", "--release", "17"));
    if (mode == Mode.WITHOUT || mode == Mode.GENERATED_AS_SOURCES) {
      options.add("-proc:none");
    }
    StringWriter diagnostics = new StringWriter();
    long start = System.nanoTime();
    long startCpu = THREADS.getCurrentThreadCpuTime();
    try (StandardJavaFileManager fm = javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8)) {
      Iterable<? extends JavaFileObject> units = fm.getJavaFileObjectsFromPaths(files);
      JavaCompiler.CompilationTask task = javac.getTask(diagnostics, fm, null, options, null, units);
      if (mode == Mode.WITH) {
        task.setProcessors(List.of(new TimedProcessor(processors.create(mode))));
      } else if (mode == Mode.WITH_BEFORE) {
        task.setProcessors(List.of(processors.create(mode)));
      }
      if (!task.call()) {
        throw new IllegalStateException("compilation failed (" + mode + "):\n" + diagnostics);
      }
    }
    return new Times(System.nanoTime() - start, THREADS.getCurrentThreadCpuTime() - startCpu);
  }

  /** Delegates to the real processor and adds the time of each call to {@link #processorWall} and {@link #processorCpu}. */
  static final class TimedProcessor extends javax.annotation.processing.AbstractProcessor {
    private final javax.annotation.processing.Processor delegate;

    TimedProcessor(javax.annotation.processing.Processor delegate) {
      this.delegate = delegate;
    }

    @Override
    public synchronized void init(javax.annotation.processing.ProcessingEnvironment env) {
      long t = System.nanoTime();
      long c = THREADS.getCurrentThreadCpuTime();
      super.init(env);
      delegate.init(env);
      processorWall += System.nanoTime() - t;
      processorCpu += THREADS.getCurrentThreadCpuTime() - c;
    }

    @Override
    public java.util.Set<String> getSupportedAnnotationTypes() {
      return delegate.getSupportedAnnotationTypes();
    }

    @Override
    public javax.lang.model.SourceVersion getSupportedSourceVersion() {
      return delegate.getSupportedSourceVersion();
    }

    @Override
    public boolean process(java.util.Set<? extends javax.lang.model.element.TypeElement> annotations,
        javax.annotation.processing.RoundEnvironment round) {
      long t = System.nanoTime();
      long c = THREADS.getCurrentThreadCpuTime();
      try {
        return delegate.process(annotations, round);
      } finally {
        processorWall += System.nanoTime() - t;
        processorCpu += THREADS.getCurrentThreadCpuTime() - c;
      }
    }
  }

  /** Median in milliseconds. */
  private static double median(List<Times> values, java.util.function.ToLongFunction<Times> part) {
    long[] sorted = values.stream().mapToLong(part).sorted().toArray();
    int m = sorted.length / 2;
    double nanos = sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2.0;
    return nanos / 1e6;
  }

  /**
   * N step methods in classes of ten, plus one shared record type per package; for the realistic
   * fixture also nine plain classes per step class, with the same methods minus the annotations.
   */
  private static Path generate(Path dir, int n, Fixture fixture) throws IOException {
    Path pkg = Files.createDirectories(dir.resolve("bench/steps"));
    Files.writeString(pkg.resolve("Doc.java"), """
        package bench.steps;
        public record Doc(String title, String body, java.util.List<String> tags) {}
        """);
    int classes = (n + STEPS_PER_CLASS - 1) / STEPS_PER_CLASS;
    for (int c = 0; c < classes; c++) {
      String steps = stepClass(c, n);
      String stepsHeader = "public class Steps" + c + " {";
      Files.writeString(pkg.resolve("Steps" + c + ".java"), steps);
      if (fixture == Fixture.REALISTIC) {
        for (int j = 0; j < 9; j++) {
          String name = "Plain" + c + "_" + j;
          // the same code without the Stepwise annotations: what the processor never touches
          Files.writeString(pkg.resolve(name + ".java"), steps.lines()
              .filter(line -> !line.strip().startsWith("@") && !line.startsWith("import dev.stepwise"))
              .map(line -> line.equals(stepsHeader) ? "public class " + name + " {" : line)
              .collect(java.util.stream.Collectors.joining("\n", "", "\n")));
        }
      }
    }
    return dir;
  }

  /** Step class {@code c}: up to ten of the four kinds of step, in turn. */
  private static String stepClass(int c, int n) {
    StringBuilder s = new StringBuilder("""
        package bench.steps;

        import dev.stepwise.annotations.ResourceSettings;
        import dev.stepwise.annotations.Step;
        import java.util.ArrayList;
        import java.util.List;
        import java.util.Map;
        import java.util.TreeMap;

        public class Steps%d {
        """.formatted(c));
    for (int i = 0; i < STEPS_PER_CLASS && c * STEPS_PER_CLASS + i < n; i++) {
      int k = c * STEPS_PER_CLASS + i;
      String template = switch (i % 4) {
        case 0 -> """
              @Step
              public static long count%1$d(String text, long minLength) {
                long count = 0;
                for (String word : text.split("\\\\s+")) {
                  if (word.length() >= minLength && !word.isBlank()) {
                    count += word.chars().filter(Character::isLetter).count() > 0 ? 1 : 0;
                  }
                }
                return count;
              }

            """;
        case 1 -> """
              @Step(stepOperator = "spark_step_operator")
              @ResourceSettings(cpuCount = 2, memory = "4GiB")
              public static Map<String, Long> histogram%1$d(List<String> words) {
                Map<String, Long> counts = new TreeMap<>();
                for (String w : words) {
                  String key = w.toLowerCase(java.util.Locale.ROOT).strip();
                  counts.merge(key, 1L, Long::sum);
                }
                counts.entrySet().removeIf(e -> e.getValue() < 2);
                return counts;
              }

            """;
        case 2 -> """
              @Step
              public static Doc tag%1$d(Doc doc, String tag, int limit) {
                List<String> tags = new ArrayList<>(doc.tags());
                if (tags.size() < limit && !tags.contains(tag)) {
                  tags.add(tag);
                }
                String body = doc.body().length() > 1000 ? doc.body().substring(0, 1000) : doc.body();
                return new Doc(doc.title().strip(), body, List.copyOf(tags));
              }

            """;
        default -> """
              @Step
              public static void report%1$d(Doc doc, long words) {
                StringBuilder line = new StringBuilder(doc.title());
                line.append(": ").append(words).append(" words");
                for (String t : doc.tags()) {
                  line.append(" #").append(t);
                }
                System.out.println(line);
              }

            """;
      };
      s.append(template.formatted(k));
    }
    s.append("}\n");
    return s.toString();
  }
}

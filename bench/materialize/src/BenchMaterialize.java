import dev.stepwise.artifact.ArtifactInfo;
import dev.stepwise.artifact.ArtifactStorage;
import dev.stepwise.artifact.LocalArtifactStore;
import dev.stepwise.artifact.Materializers;
import dev.stepwise.support.AtomicFiles;
import dev.stepwise.support.JsonCodec;
import com.fasterxml.jackson.databind.JavaType;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Type;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Materialization benchmark (issue 14), one JVM, both sides in turn:
 * <ul>
 *   <li>dataset: a {@code Dataset<Row>} saved and loaded through {@link ArtifactStorage} (the
 *       discovered materializer, a local artifact store) against {@code df.write().parquet()} and
 *       {@code spark.read().parquet()} of the same cached data in the same session; each load is
 *       read in full with Spark's {@code noop} sink, on both sides;</li>
 *   <li>json: a ~10 MB {@code List<Item>} through {@link ArtifactStorage} (the JSON materializer)
 *       against Stepwise's own Jackson mapper writing the same bytes to a file and reading them back.</li>
 * </ul>
 * Pairs are interleaved, the order alternating, after untimed warm-ups. Prints medians, ratios, a
 * breakdown of the JSON side, and GOAL lines.
 * Usage: BenchMaterialize dir datasetPairs jsonPairs datasetRows jsonItems
 */
public final class BenchMaterialize {
  /** One JSON record; its fields are the kind a step returns. */
  public record Item(long id, String name, double score, List<String> tags, Map<String, Long> counts) {}

  // the declared generic types are what the entrypoint hands ArtifactStorage
  static Dataset<Row> datasetType;
  static List<Item> jsonType;

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]).toAbsolutePath();
    int datasetPairs = Integer.parseInt(args[1]);
    int jsonPairs = Integer.parseInt(args[2]);
    long rows = Long.parseLong(args[3]);
    int items = Integer.parseInt(args[4]);
    Files.createDirectories(dir);
    LocalArtifactStore store = new LocalArtifactStore(dir.resolve("store"));
    ArtifactStorage storage = new ArtifactStorage(store, Materializers.discover());
    Path raw = dir.resolve("raw");
    Files.createDirectories(raw);
    List<String> goals = new ArrayList<>();
    json(storage, store, raw, jsonPairs, items, goals);
    dataset(storage, store, raw, datasetPairs, rows, goals);
    goals.forEach(System.out::println);
  }

  static void dataset(ArtifactStorage storage, LocalArtifactStore store, Path raw, int pairs, long rows,
      List<String> goals) throws Exception {
    Type type = BenchMaterialize.class.getDeclaredField("datasetType").getGenericType();
    SparkSession spark = SparkSession.builder().master("local[2]").config("spark.ui.enabled", "false")
        .getOrCreate();
    try {
      Dataset<Row> df = spark.range(0, rows).selectExpr("id", "id * 0.5d AS x",
          "concat('name-', CAST(id % 10000 AS STRING)) AS name", "CAST(id % 7 AS INT) AS bucket").cache();
      df.count(); // both sides write the same cached rows
      System.out.println("dataset: " + rows + " rows, materializer "
          + Materializers.discover().forType(type).orElseThrow().id());
      int[] n = {0};
      Callable<double[]> viaStepwise = () -> {
        URI artifact = store.resolve("dataset-" + n[0]++ + "/");
        long t0 = System.nanoTime();
        storage.save(artifact, df, type);
        long t1 = System.nanoTime();
        @SuppressWarnings("unchecked")
        Dataset<Row> back = (Dataset<Row>) storage.load(artifact, type);
        back.write().format("noop").mode(SaveMode.Overwrite).save();
        long t2 = System.nanoTime();
        return new double[] {(t1 - t0) / 1e9, (t2 - t1) / 1e9};
      };
      Callable<double[]> rawParquet = () -> {
        String path = raw.resolve("dataset-" + n[0]++ + ".parquet").toUri().toString();
        long t0 = System.nanoTime();
        df.write().parquet(path);
        long t1 = System.nanoTime();
        Dataset<Row> back = spark.read().parquet(path);
        back.write().format("noop").mode(SaveMode.Overwrite).save();
        long t2 = System.nanoTime();
        return new double[] {(t1 - t0) / 1e9, (t2 - t1) / 1e9};
      };
      Pairs result = interleave(pairs, 2, viaStepwise, rawParquet);
      result.print("dataset", "stepwise materializer", "raw parquet", "save", "load+read");
      // throughput ratio = raw time / stepwise time; the GOAL uses the median of the per-pair ratios,
      // which a load that drifts between pairs disturbs less than a ratio of medians
      double ratio = result.medianPairRatio();
      System.out.printf("dataset throughput, stepwise / raw: median of pair ratios %.3f, ratio of medians %.3f"
          + "  (goal >= 0.95)%n", ratio, result.median(1, 2) / result.median(0, 2));
      bookkeeping(storage, store, type, pairs);
      goals.add(String.format("GOAL dataset-materializer-throughput value=%.3f goal>=0.95 %s", ratio,
          ratio >= 0.95 ? "met" : "missed"));
      df.unpersist();
    } finally {
      spark.stop();
    }
  }

  static void json(ArtifactStorage storage, LocalArtifactStore store, Path raw, int pairs, int items,
      List<String> goals) throws Exception {
    Type type = BenchMaterialize.class.getDeclaredField("jsonType").getGenericType();
    List<Item> value = new ArrayList<>(items);
    for (int i = 0; i < items; i++) {
      Map<String, Long> counts = new LinkedHashMap<>();
      counts.put("a", (long) i);
      counts.put("b", (long) i * 3);
      value.add(new Item(i, "item-" + i, i / 7.0, Arrays.asList("t" + (i % 5), "u" + (i % 11)), counts));
    }
    JavaType javaType = JsonCodec.mapper().constructType(type);
    int[] n = {0};
    Path[] lastRaw = new Path[1];
    URI[] lastArtifact = new URI[1];
    Callable<double[]> viaStepwise = () -> {
      URI artifact = store.resolve("json-" + n[0]++ + "/");
      long t0 = System.nanoTime();
      storage.save(artifact, value, type);
      long t1 = System.nanoTime();
      Object back = storage.load(artifact, type);
      long t2 = System.nanoTime();
      check(value, back);
      lastArtifact[0] = artifact;
      return new double[] {(t1 - t0) / 1e9, (t2 - t1) / 1e9};
    };
    Callable<double[]> jacksonAlone = () -> {
      Path file = raw.resolve("json-" + n[0]++ + ".json");
      long t0 = System.nanoTime();
      try (OutputStream out = Files.newOutputStream(file)) {
        JsonCodec.mapper().writerFor(javaType).writeValue(out, value);
      }
      long t1 = System.nanoTime();
      Object back;
      try (InputStream in = Files.newInputStream(file)) {
        back = JsonCodec.mapper().readValue(in, javaType);
      }
      long t2 = System.nanoTime();
      check(value, back);
      lastRaw[0] = file;
      return new double[] {(t1 - t0) / 1e9, (t2 - t1) / 1e9};
    };
    Pairs result = interleave(pairs, 3, viaStepwise, jacksonAlone);
    Path data = store.localPath(ArtifactStorage.child(lastArtifact[0], "data.json")).orElseThrow();
    boolean same = Arrays.equals(Files.readAllBytes(data), Files.readAllBytes(lastRaw[0]));
    System.out.printf("json: %d items, %.1f MB, materializer %s, same bytes on both sides: %s%n", items,
        Files.size(data) / 1e6, Materializers.discover().forType(type).orElseThrow().id(), same);
    result.print("json", "stepwise materializer", "jackson alone", "save", "load");
    double ratio = 1 / result.medianPairRatio();
    System.out.printf("json time, stepwise / jackson: median of pair ratios %.3f, ratio of medians %.3f"
        + "  (goal <= 1.2)%n", ratio, result.median(0, 2) / result.median(1, 2));
    goals.add(String.format("GOAL json-10mb-vs-jackson value=%.3f goal<=1.2 %s", ratio,
        ratio <= 1.2 ? "met" : "missed"));
    breakdown(value, javaType, raw, pairs);
  }

  /** Where the materializer's save time goes: serializing to memory, then the atomic write. */
  static void breakdown(List<Item> value, JavaType javaType, Path raw, int reps) throws Exception {
    List<Double> serialize = new ArrayList<>();
    List<Double> atomic = new ArrayList<>();
    List<Double> plain = new ArrayList<>();
    for (int i = 0; i < reps + 2; i++) {
      long t0 = System.nanoTime();
      byte[] bytes = JsonCodec.mapper().writerFor(javaType).writeValueAsBytes(value);
      long t1 = System.nanoTime();
      AtomicFiles.write(raw.resolve("breakdown-atomic-" + i + ".json"), bytes);
      long t2 = System.nanoTime();
      Files.write(raw.resolve("breakdown-plain-" + i + ".json"), bytes);
      long t3 = System.nanoTime();
      if (i >= 2) {
        serialize.add((t1 - t0) / 1e9);
        atomic.add((t2 - t1) / 1e9);
        plain.add((t3 - t2) / 1e9);
      }
    }
    System.out.printf("json save breakdown (medians): serialize to byte[] %.3f s, atomic write with fsync"
        + " %.3f s, plain Files.write of the same bytes %.3f s%n", median(serialize), median(atomic),
        median(plain));
  }

  /**
   * What the artifact storage adds around the Dataset materializer, alone: the delete of a stale
   * artifact and the atomic (fsynced) write of artifact.json on save, reading it back on load.
   */
  static void bookkeeping(ArtifactStorage storage, LocalArtifactStore store, Type type, int reps) throws Exception {
    byte[] info = JsonCodec.mapper().writeValueAsBytes(new ArtifactInfo("spark-dataset-parquet", type.getTypeName()));
    List<Double> save = new ArrayList<>();
    List<Double> load = new ArrayList<>();
    for (int i = 0; i < reps + 2; i++) {
      URI artifact = store.resolve("bookkeeping-" + i + "/");
      long t0 = System.nanoTime();
      store.delete(artifact);
      store.write(ArtifactStorage.child(artifact, ArtifactInfo.FILE_NAME), info);
      long t1 = System.nanoTime();
      storage.info(artifact);
      long t2 = System.nanoTime();
      if (i >= 2) {
        save.add((t1 - t0) / 1e6);
        load.add((t2 - t1) / 1e6);
      }
    }
    System.out.printf("dataset bookkeeping of the artifact storage (medians): save %.1f ms (delete + fsynced"
        + " artifact.json), load %.1f ms (artifact.json read)%n", median(save), median(load));
  }

  static void check(List<Item> expected, Object back) {
    if (!expected.equals(back)) {
      throw new IllegalStateException("the JSON value did not round-trip");
    }
  }

  /** Timed pairs: each call returns {save seconds, load seconds}. */
  record Pairs(List<double[]> first, List<double[]> second) {
    /** The median over pairs of second's total / first's total: each pair ran back to back. */
    double medianPairRatio() {
      List<Double> ratios = new ArrayList<>();
      for (int i = 0; i < first.size(); i++) {
        ratios.add((second.get(i)[0] + second.get(i)[1]) / (first.get(i)[0] + first.get(i)[1]));
      }
      return BenchMaterialize.median(ratios);
    }

    double median(int side, int part) {
      List<double[]> runs = side == 0 ? first : second;
      List<Double> values = new ArrayList<>();
      for (double[] r : runs) {
        values.add(part == 2 ? r[0] + r[1] : r[part]);
      }
      return BenchMaterialize.median(values);
    }

    void print(String what, String firstName, String secondName, String save, String load) {
      String[] names = {firstName, secondName};
      for (int side = 0; side < 2; side++) {
        List<double[]> runs = side == 0 ? first : second;
        StringBuilder all = new StringBuilder();
        for (double[] r : runs) {
          all.append(String.format(" %.3f", r[0] + r[1]));
        }
        System.out.printf("%s, %-22s median %.3f s (%s %.3f s, %s %.3f s)  runs:%s%n", what, names[side],
            median(side, 2), save, median(side, 0), load, median(side, 1), all);
      }
    }
  }

  static Pairs interleave(int pairs, int warmups, Callable<double[]> a, Callable<double[]> b) throws Exception {
    for (int i = 0; i < warmups; i++) {
      a.call();
      b.call();
    }
    List<double[]> first = new ArrayList<>();
    List<double[]> second = new ArrayList<>();
    for (int i = 0; i < pairs; i++) {
      if (i % 2 == 0) { // alternate which side goes first
        first.add(a.call());
        second.add(b.call());
      } else {
        second.add(b.call());
        first.add(a.call());
      }
    }
    return new Pairs(first, second);
  }

  static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}

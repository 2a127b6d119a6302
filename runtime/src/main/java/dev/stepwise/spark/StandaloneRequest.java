package dev.stepwise.spark;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one step asks of a standalone cluster: the cluster-mode driver's cores and memory (it runs
 * on a worker) and one executor's. An executor without {@code spark.executor.cores} takes whatever
 * a worker has left, so only its memory counts then.
 */
record StandaloneRequest(boolean driverOnWorker, int driverCores, long driverMemoryMib, OptionalInt executorCores,
    long executorMemoryMib) {
  private static final Pattern SIZE = Pattern.compile("([0-9]+)\\s*([kmgtp]?)i?b?");

  static StandaloneRequest of(SparkSubmission submission) {
    return new StandaloneRequest(submission.deployMode() == DeployMode.CLUSTER,
        submission.value("spark.driver.cores").map(String::trim).map(Integer::parseInt).orElse(1),
        submission.value("spark.driver.memory").flatMap(StandaloneRequest::mib).orElse(1024L),
        submission.value("spark.executor.cores").map(String::trim).map(v -> OptionalInt.of(Integer.parseInt(v)))
            .orElse(OptionalInt.empty()),
        submission.value("spark.executor.memory").flatMap(StandaloneRequest::mib).orElse(1024L));
  }

  /** A Spark size in MiB ({@code 512m}, {@code 2g}; a bare number is MiB). */
  static Optional<Long> mib(String size) {
    Matcher m = SIZE.matcher(size.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      return Optional.empty();
    }
    long n = Long.parseLong(m.group(1));
    return Optional.of(switch (m.group(2)) {
      case "k" -> Math.max(1, n / 1024);
      case "g" -> n * 1024;
      case "t" -> n * 1024 * 1024;
      case "p" -> n * 1024 * 1024 * 1024;
      default -> n;
    });
  }

  String describe() {
    String executor = "each executor " + executorCores.stream().mapToObj(c -> c + (c == 1 ? " core" : " cores") + ", ")
        .findFirst().orElse("") + executorMemoryMib + " MiB";
    return (driverOnWorker ? "the driver " + driverCores + (driverCores == 1 ? " core" : " cores") + ", "
        + driverMemoryMib + " MiB, " : "") + executor;
  }

  /**
   * Why the request can never start on these workers (their total, not free, resources), or empty
   * when some placement fits: the driver on one worker and an executor beside it or on another.
   */
  Optional<String> neverFits(List<StandaloneMasterState.Worker> alive) {
    if (alive.isEmpty()) {
      return Optional.of("the master has no alive worker");
    }
    for (int d = 0; d < alive.size(); d++) {
      StandaloneMasterState.Worker dw = alive.get(d);
      if (driverOnWorker && (dw.cores() < driverCores || dw.memoryMib() < driverMemoryMib)) {
        continue;
      }
      for (int e = 0; e < alive.size(); e++) {
        StandaloneMasterState.Worker ew = alive.get(e);
        boolean shared = driverOnWorker && d == e;
        int cores = ew.cores() - (shared ? driverCores : 0);
        long memory = ew.memoryMib() - (shared ? driverMemoryMib : 0);
        if (cores >= executorCores.orElse(1) && memory >= executorMemoryMib) {
          return Optional.empty();
        }
      }
    }
    StandaloneMasterState.Worker largest = alive.stream()
        .max(java.util.Comparator.comparingLong(w -> w.cores() * 1_000_000L + w.memoryMib())).orElseThrow();
    return Optional.of("the request (" + describe() + ") does not fit on any alive worker of the master (largest: "
        + largest.cores() + " cores, " + largest.memoryMib() + " MiB" + (alive.size() > 1 ? ", " + alive.size()
        + " alive workers" : ", the only alive worker") + ")");
  }
}

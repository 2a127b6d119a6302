#!/usr/bin/env bash
# Times one small Spark job five ways, 5 runs each (interleaved, order alternating), and prints
# medians, ratios, the load average and GOAL lines for bench/run-all:
#   (a)  plain `java -cp ... BenchPlain`
#   (b)  the same job as a pipeline step (BenchSparkStep) through `stepwise pipeline run` of the
#        packaged CLI on the default stack's local_spark, as a user runs it: the CLI's JVM, the run's
#        records and artifacts, spark-submit of the embedded home and the generated entrypoint, with
#        the home's class-data archive (built first, untimed)
#   (b0) the same step with STEPWISE_CLASS_ARCHIVE=off
#   (c)  `spark-submit` of the embedded (assembled) Spark home running BenchPlain, no archive
#   (cA) the same raw spark-submit given the same archive the same way a launch gives it
#        (the environment SparkClassArchive.launchEnvironment returns)
# The step's driver and the raw one get the same master (local[2] on 2 cores), heap (Spark's
# default) and conf (the UI off).
# Usage: bench/spark/run.sh [runs | --archive-only]   (after `mvn -B -o -DskipTests package`, which also
# builds the CLI; --archive-only builds the home's class-data archive if there is none, and stops)
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS="${1:-5}"
OUT=bench/spark/target
mkdir -p "$OUT/classes"
export SPARK_LOCAL_IP=127.0.0.1

if [ ! -s "$OUT/deps.cp" ]; then
  # compile too, so the reactor resolves the annotations module to its classes (nothing is installed)
  mvn -B -q -o -pl runtime -am compile dependency:build-classpath -Dmdep.outputFile="$PWD/$OUT/deps.cp" >/dev/null
fi
CP="runtime/target/classes:runtime/target/test-classes:$(cat "$OUT/deps.cp")"
javac -q -d "$OUT/classes" -cp "$CP" bench/spark/src/*.java 2>/dev/null || javac -d "$OUT/classes" -cp "$CP" bench/spark/src/*.java
(cd "$OUT/classes" && jar cf ../bench.jar BenchPlain.class)
CP="$OUT/classes:$CP"
OPENS="-XX:+IgnoreUnrecognizedVMOptions --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED -Dio.netty.tryReflectionSetAccessible=true"
SPARK_HOME_DIR="$(java -cp "$CP" BenchStep --print-spark-home 2>/dev/null | tail -1)"

# untimed: the archive (built now if there is none) and what a launch puts in spark-submit's environment
java -cp "$CP" BenchStep --archive-env > "$OUT/archive.env" || { echo "no class-data archive could be built" >&2; exit 1; }
mapfile -t ARCHIVE_ENV < "$OUT/archive.env"
case "${ARCHIVE_ENV[*]}" in *SharedArchiveFile*) ;; *) echo "the launch environment names no archive: ${ARCHIVE_ENV[*]}" >&2; exit 1 ;; esac
[ "$RUNS" != "--archive-only" ] || exit 0 # bench/run-all: only make sure the archive exists

run_a()  { java $OPENS -cp "$CP" BenchPlain; }
CLI=runtime/target/stepwise-cli/bin/stepwise
[ -x "$CLI" ] || mvn -B -q -o -DskipTests package >/dev/null
rm -rf "$OUT/config"
export STEPWISE_CONFIG_DIR="$PWD/$OUT/config" # a config of its own: the built-in default stack
USER_CP="$OUT/classes:runtime/target/test-classes"
run_b()  { env -u STEPWISE_CLASS_ARCHIVE "$CLI" pipeline run BenchSparkStep --classpath "$USER_CP" --no-cache; }
run_b0() { STEPWISE_CLASS_ARCHIVE=off "$CLI" pipeline run BenchSparkStep --classpath "$USER_CP" --no-cache; }
run_c()  { "$SPARK_HOME_DIR/bin/spark-submit" --master 'local[2]' --conf spark.ui.enabled=false --class BenchPlain "$OUT/bench.jar"; }
run_cA() { env "${ARCHIVE_ENV[@]}" "$SPARK_HOME_DIR/bin/spark-submit" --master 'local[2]' --conf spark.ui.enabled=false --class BenchPlain "$OUT/bench.jar"; }
VARIANTS=(a b b0 c cA)

# one untimed warm-up of each (page cache, packed jars)
for p in "${VARIANTS[@]}"; do "run_$p" >/dev/null 2>&1; done
# the step's driver really maps the archive (it prints what /proc/self/maps shows), and without it does not
run_b > "$OUT/check-b.log" 2>&1
grep -q "mapped archive: .*class-archives" "$OUT/check-b.log" || { echo "the step's driver did not map the archive; see $OUT/check-b.log" >&2; exit 1; }
run_b0 > "$OUT/check-b0.log" 2>&1
! grep -q "mapped archive: .*class-archives" "$OUT/check-b0.log" || { echo "STEPWISE_CLASS_ARCHIVE=off still mapped it" >&2; exit 1; }

: > "$OUT/times.txt"
for i in $(seq "$RUNS"); do
  order=("${VARIANTS[@]}")
  if [ $((i % 2)) -eq 0 ]; then # alternate the order from run to run: reversed on even runs
    order=(); for ((k=${#VARIANTS[@]}-1; k>=0; k--)); do order+=("${VARIANTS[$k]}"); done
  fi
  for p in "${order[@]}"; do
    start=$(date +%s.%N)
    "run_$p" > "$OUT/last-$p.log" 2>&1 || { echo "run $p failed; see $OUT/last-$p.log" >&2; exit 1; }
    end=$(date +%s.%N)
    echo "$p $(echo "$end - $start" | bc)" >> "$OUT/times.txt"
  done
done

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$OUT/times.txt" <<'PY'
import statistics, sys
times = {}
for line in open(sys.argv[1]):
    p, t = line.split()
    times.setdefault(p, []).append(float(t))
m = {p: statistics.median(v) for p, v in times.items()}
names = {"a": "plain java -cp ... Main", "b": "step via spark step operator", "b0": "the step, archive off",
         "c": "spark-submit, no archive", "cA": "spark-submit, the same archive"}
for p in ["a", "b", "b0", "c", "cA"]:
    print(f"({p:2s}) {names[p]:32s} median {m[p]:6.2f} s   runs: " + " ".join(f"{t:.2f}" for t in times[p]))
print(f"b/c = {m['b']/m['c']:.3f}   b/cA = {m['b']/m['cA']:.3f}   b0/c = {m['b0']/m['c']:.3f}   "
      f"cA/c = {m['cA']/m['c']:.3f}   b/a = {m['b']/m['a']:.3f}")
# issue 14: the step through the spark step operator (local master, as the default stack's
# local_spark) with its archive, against a raw spark-submit of the same home without one (<= 0.85)
# and with the same archive (<= 1.05)
for name, value, goal in [("small-step-vs-raw-spark-submit", m['b'] / m['c'], 0.85),
                          ("small-step-vs-raw-spark-submit-same-archive", m['b'] / m['cA'], 1.05)]:
    print(f"GOAL {name} value={value:.3f} goal<={goal} {'met' if value <= goal else 'missed'}")
PY

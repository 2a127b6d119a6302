#!/usr/bin/env bash
# Times one small Spark job three ways, 5 runs each (interleaved, order alternating), and prints
# medians, ratios, the load average and GOAL lines for bench/run-all:
#   (a) plain `java -cp ... BenchPlain`
#   (b) the same job as a pipeline step through the spark step operator (orchestrator JVM + spark-submit)
#   (c) `spark-submit` of the embedded (assembled) Spark home running BenchPlain
# Usage: bench/spark/run.sh [runs]   (after `mvn -o -pl runtime -am test-compile`)
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

run_a() { java $OPENS -cp "$CP" BenchPlain; }
run_b() { java $OPENS -cp "$CP" BenchStep; }
run_c() { "$SPARK_HOME_DIR/bin/spark-submit" --master 'local[2]' --conf spark.ui.enabled=false --class BenchPlain "$OUT/bench.jar"; }

# one untimed warm-up of each (page cache, packed jars)
for p in a b c; do "run_$p" >/dev/null 2>&1; done

: > "$OUT/times.txt"
for i in $(seq "$RUNS"); do
  order="a b c"
  if [ $((i % 2)) -eq 0 ]; then order="c b a"; fi # alternate the order from run to run
  for p in $order; do
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
names = {"a": "plain java -cp ... Main", "b": "step via spark step operator", "c": "spark-submit (assembled home)"}
for p in "abc":
    print(f"({p}) {names[p]:32s} median {m[p]:6.2f} s   runs: " + " ".join(f"{t:.2f}" for t in times[p]))
print(f"b/a = {m['b']/m['a']:.3f}   b/c = {m['b']/m['c']:.3f}")
# issue 14: the step through the spark step operator (local master, as the default stack's
# local_spark) against a raw spark-submit of the same home, both without a class-data archive
ratio = m['b'] / m['c']
print(f"GOAL small-step-vs-raw-spark-submit value={ratio:.3f} goal<=0.85 {'met' if ratio <= 0.85 else 'missed'}")
PY

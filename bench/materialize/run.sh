#!/usr/bin/env bash
# Materialization benchmark (issue 14), both sides in one JVM (same heap, same Spark session and conf):
#   dataset: a Dataset<Row> saved and loaded through ArtifactStorage (the Dataset materializer, a local
#            artifact store) vs df.write().parquet() + spark.read().parquet() of the same cached rows;
#            each load is read in full (Spark's noop sink) on both sides. Goal: >= 0.95x raw throughput.
#   json:    a ~10 MB List of records through ArtifactStorage (the JSON materializer) vs Stepwise's
#            own Jackson mapper writing the same bytes to a file and reading them back. Goal: <= 1.2x.
# Pairs interleaved, order alternating, after untimed warm-ups (JSON pairs take ~0.2 s, so JSON runs
# three times as many); prints medians, the median of the per-pair ratios (used for the goals) and
# the ratio of medians, breakdowns of what Stepwise adds, the load average and GOAL lines for bench/run-all.
# Usage: bench/materialize/run.sh [pairs] [dataset-rows] [json-items]
#   (after `mvn -B -o -pl runtime -am test-compile`; defaults 5 pairs, 2,000,000 rows, 65,000 items)
set -euo pipefail
cd "$(dirname "$0")/../.."
PAIRS="${1:-5}"
ROWS="${2:-2000000}"
ITEMS="${3:-65000}"
OUT=bench/materialize/target
rm -rf "$OUT/data"
mkdir -p "$OUT/classes"
export SPARK_LOCAL_IP=127.0.0.1

# the same harness build as bench/spark: the runtime's main classes and compile class path only
if [ ! -s "$OUT/deps.cp" ]; then
  mvn -B -q -o -pl runtime -am compile dependency:build-classpath -Dmdep.outputFile="$PWD/$OUT/deps.cp" >/dev/null
fi
CP="runtime/target/classes:$(cat "$OUT/deps.cp")"
javac -d "$OUT/classes" -cp "$CP" bench/materialize/src/*.java
OPENS="-XX:+IgnoreUnrecognizedVMOptions --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED -Dio.netty.tryReflectionSetAccessible=true"

java -Xmx2g $OPENS -cp "$OUT/classes:$CP" BenchMaterialize "$OUT/data" "$PAIRS" "$((PAIRS * 3))" "$ROWS" "$ITEMS" \
  2> "$OUT/stderr.log" || { echo "benchmark failed; see $OUT/stderr.log" >&2; tail -20 "$OUT/stderr.log" >&2; exit 1; }
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
rm -rf "$OUT/data"

#!/usr/bin/env bash
# The overhead of an in-process step (issue 14: <= 5 ms each), in one JVM: pipelines of 10 and of
# LONG trivial in-process steps on a local stack, in pairs with the order alternating, after an
# untimed warm-up; (LONG - 10) / (LONG - 10 steps) per pair cancels each run's fixed costs. Prints
# each pair, the median, a breakdown read from the runs' own records and logs, the load average and
# a GOAL line for bench/run-all.
# Usage: bench/inprocess/run.sh [pairs] [long-chain]   (after `mvn -B -o -pl runtime -am test-compile`;
#   defaults 5 pairs, 110 steps)
set -euo pipefail
cd "$(dirname "$0")/../.."
PAIRS="${1:-5}"
LONG="${2:-110}"
OUT=bench/inprocess/target
mkdir -p "$OUT/classes"

if [ ! -s "$OUT/deps.cp" ]; then
  mvn -B -q -o -pl runtime -am compile dependency:build-classpath -Dmdep.outputFile="$PWD/$OUT/deps.cp" >/dev/null
fi
# the fixtures' steps and their generated stubs come from the runtime's test classes
CP="runtime/target/classes:runtime/target/test-classes:$(cat "$OUT/deps.cp")"
javac -d "$OUT/classes" -cp "$CP" bench/inprocess/src/*.java
echo "machine: $(nproc) cores, load average at start $(cut -d' ' -f1-3 /proc/loadavg)"
java -Xmx1g -cp "$OUT/classes:$CP" BenchInProcess "$PAIRS" "$LONG" 2> "$OUT/stderr.log" \
  || { echo "benchmark failed; see $OUT/stderr.log" >&2; tail -20 "$OUT/stderr.log" >&2; exit 1; }
echo "load average at end $(cut -d' ' -f1-3 /proc/loadavg)"

#!/usr/bin/env bash
# Benchmarks the Stepwise processor: javac time with and without it for N = 50, 500, 2000 steps.
# Usage: bench/processor/run.sh [N ...]
#   STEPWISE_BENCH_DIR=/dev/shm bench/processor/run.sh   # keep sources and outputs on another disk
# Builds the processor first (offline Maven), then runs ProcessorBenchmark.java in one JVM.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$repo"
# compile the processor (and the runtime the generated code compiles against), then resolve the classpath
# (processor-tests is the module whose test scope has the processor and the runtime together)
mvn -B -q -o -pl processor-tests -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath >/dev/null
cp="$repo/processor/target/classes:$(cat "$repo/processor-tests/target/bench.classpath")"
exec java -Xms1g -Xmx2g -Dbench.dir="${STEPWISE_BENCH_DIR:-${TMPDIR:-/tmp}}" \
  -cp "$cp" "$repo/bench/processor/ProcessorBenchmark.java" "$@"

#!/usr/bin/env bash
# Benchmarks the Stepwise processor: javac time with and without it for N = 50, 500, 2000 steps.
# Usage: bench/processor/run.sh [N ...]
#   STEPWISE_BENCH_DIR=/dev/shm bench/processor/run.sh   # keep sources and outputs on another disk
#   STEPWISE_BENCH_BEFORE=<commit> bench/processor/run.sh 500   # also the processor of <commit>, side by side
# Builds the processor first (offline Maven), then runs ProcessorBenchmark.java in one JVM.
# Prints the load average with the figures, and one `GOAL name value=... goal<=... met|missed` line per
# goal of issue 14 when N = 500 is measured.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$repo"
# compile the processor (and the runtime the generated code compiles against), then resolve the classpath
# (processor-tests is the module whose test scope has the processor and the runtime together)
mvn -B -q -o -pl processor-tests -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath >/dev/null
cp="$repo/processor/target/classes:$(cat "$repo/processor-tests/target/bench.classpath")"
before=""
if [ -n "${STEPWISE_BENCH_BEFORE:-}" ]; then
  # the processor of that commit, built from its own sources in a scratch directory (nothing installed)
  src="$(mktemp -d "${TMPDIR:-/tmp}/stepwise-bench-before.XXXXXX")"
  trap 'rm -rf "$src"' EXIT
  git -C "$repo" archive "$STEPWISE_BENCH_BEFORE" | tar -x -C "$src"
  (cd "$src" && mvn -B -q -o -pl processor -am package dependency:build-classpath -DskipTests \
    -Dmdep.includeScope=runtime -Dmdep.outputFile=target/before.classpath >/dev/null)
  before="$src/processor/target/classes:$(cat "$src/processor/target/before.classpath")"
  echo "before: the processor of $(git -C "$repo" rev-parse --short "$STEPWISE_BENCH_BEFORE")"
fi
java -Xms1g -Xmx2g -Dbench.dir="${STEPWISE_BENCH_DIR:-${TMPDIR:-/tmp}}" -Dbench.before="$before" \
  -cp "$cp" "$repo/bench/processor/ProcessorBenchmark.java" "$@"

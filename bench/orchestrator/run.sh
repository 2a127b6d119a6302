#!/usr/bin/env bash
# The orchestrator's own cost before Spark (issue 14: `pipeline run` starting -> spark-submit exec'd,
# <= 0.3 s): `stepwise pipeline run` of one small Spark step on the default stack's local_spark, in a
# fresh JVM each time, as a user runs it. The breakdown comes from what the run itself records: the
# run record's start, the step's RUNNING time, and when spark-submit had been started (the step's
# launch record), against the moment this script exec'd the CLI. Prints each run, medians, the load
# average and a GOAL line for bench/run-all.
# Usage: bench/orchestrator/run.sh [runs]   (after `mvn -B -o -DskipTests package`; default 5)
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS="${1:-5}"
OUT=bench/orchestrator/target
rm -rf "$OUT/config"
mkdir -p "$OUT/classes" "$OUT/config"
export SPARK_LOCAL_IP=127.0.0.1
export STEPWISE_CONFIG_DIR="$PWD/$OUT/config"

if [ ! -s "$OUT/deps.cp" ]; then
  mvn -B -q -o -pl runtime -am compile dependency:build-classpath -Dmdep.outputFile="$PWD/$OUT/deps.cp" >/dev/null
fi
# the fixtures' Spark step and its generated stub come from the runtime's test classes; the CLI is the
# packaged one a user puts on the PATH, given the user's class path as a user gives it
CP="runtime/target/classes:runtime/target/test-classes:$(cat "$OUT/deps.cp")"
javac -d "$OUT/classes" -cp "$CP" bench/orchestrator/src/*.java
CLI=runtime/target/stepwise-cli/bin/stepwise
[ -x "$CLI" ] || mvn -B -q -o -pl runtime -am package -DskipTests >/dev/null
USER_CP="$OUT/classes:runtime/target/test-classes"

run_once() {
  local start end
  start=$(date +%s.%N)
  "$CLI" pipeline run BenchOneSparkStep --classpath "$USER_CP" --no-cache > "$OUT/last.log" 2>&1 \
    || { echo "pipeline run failed; see $OUT/last.log" >&2; exit 1; }
  end=$(date +%s.%N)
  echo "$start $end $(sed -n 's/^Started run \([^ ]*\) .*/\1/p' "$OUT/last.log")" >> "$OUT/runs.txt"
}

echo "machine: $(nproc) cores, load average at start $(cut -d' ' -f1-3 /proc/loadavg)"
: > "$OUT/runs.txt"
run_once # untimed warm-up: the Spark home, the jar-digest memo, the page cache
: > "$OUT/runs.txt"
for i in $(seq "$RUNS"); do run_once; done

python3 - "$OUT/runs.txt" "$STEPWISE_CONFIG_DIR/artifacts/runs" <<'PY'
import json, statistics, sys
from datetime import datetime

def t(text):  # ISO-8601 with up to nanoseconds and a Z
    text = text.rstrip("Z")
    whole, _, frac = text.partition(".")
    return datetime.fromisoformat(whole).timestamp() + (float("0." + frac) if frac else 0.0)

rows = []
for line in open(sys.argv[1]):
    start, end, run_id = line.split()
    start, end = float(start), float(end)
    run = json.load(open(f"{sys.argv[2]}/{run_id}/run.json"))
    step = run["steps"][0]
    launch = json.load(open(f"{sys.argv[2]}/{run_id}/steps/{step['invocationId']}/spark-launch.json"))
    recorded, running, submit = t(run["startedAt"]), t(step["startedAt"]), t(launch["submittedAt"])
    rows.append((recorded - start, running - recorded, submit - running, submit - start, end - start))
    print("run %s: JVM start -> run recorded %.3f s, -> step RUNNING %.3f s, -> spark-submit started %.3f s;"
          " total to spark-submit %.3f s, whole run %.2f s" % ((run_id,) + rows[-1]))
med = [statistics.median(c) for c in zip(*rows)]
print("medians over %d runs: `pipeline run` exec'd -> run recorded %.3f s (JVM start, CLI, stack, plan, preflight);"
      " -> step RUNNING %.3f s; -> spark-submit started %.3f s (cache key, spec, planning, SparkLauncher);"
      " total %.3f s; whole run %.2f s" % ((len(rows),) + tuple(med)))
print("GOAL orchestrator-run-to-spark-submit-s value=%.3f goal<=0.3 %s" % (med[3], "met" if med[3] <= 0.3 else "missed"))
PY
echo "load average at end $(cut -d' ' -f1-3 /proc/loadavg)"

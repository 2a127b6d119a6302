#!/usr/bin/env bash
# The flagship pipeline as a user runs it against the same four jobs by hand (issue 14: "a full
# pipeline ... report the ratio"):
#   (A) `stepwise pipeline run dev.stepwise.examples.wine.WinePipeline` through the packaged CLI on the
#       default stack (local_spark), --no-cache so every step runs, in a fresh config dir;
#   (B) bench/flagship/hand-written.sh: the same step methods as plain `java -cp` (the two in-process
#       steps) and spark-submit of the same embedded Spark home (the two Spark steps, with the master
#       and conf `stepwise step explain` gives them), handing results on through files.
# One untimed warm-up each, then [runs] of each interleaved with the order alternating. Prints each
# run with a per-step breakdown (A: from the run record; B: each command), medians, A/B, the load
# average and a GOAL line for bench/run-all. Both sides must print the same report.
# Usage: bench/flagship/run.sh [runs]   (default 5; builds the packaged CLI and examples when missing)
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS="${1:-5}"
OUT=bench/flagship/target
rm -rf "$OUT/config" "$OUT/work" "$OUT/classes"
mkdir -p "$OUT/classes" "$OUT/config" "$OUT/work"
export SPARK_LOCAL_IP=127.0.0.1
export STEPWISE_CONFIG_DIR="$PWD/$OUT/config"

CLI=runtime/target/stepwise-cli/bin/stepwise
if [ ! -x "$CLI" ] || [ ! -d examples/target/lib ] || [ ! -d examples/target/classes ]; then
  mvn -B -ntp -o -q -Dstyle.color=never -DskipTests package >/dev/null
fi
USER_CP="examples/target/classes:examples/target/lib/*" # as examples/run gives it
javac -d "$OUT/classes" -cp "$USER_CP" bench/flagship/src/*.java
# the hand-written app jar: the four jobs and the example's classes (the step methods)
jar cf "$OUT/app.jar" -C "$OUT/classes" . -C examples/target/classes .
SPARK_HOME="$("$CLI" spark-home)"
export SPARK_HOME

# the hand-written spark-submits must use what the step operator would: check them against `step explain`
for step in loadWines trainClassifier; do
  "$CLI" step explain "$step" --classpath "$USER_CP" --pipeline wine_classifier --json > "$OUT/explain-$step.json"
done
python3 - bench/flagship/hand-written.sh "$OUT" <<'PY'
import json, sys
script = open(sys.argv[1]).read().replace("\\\n", " ")
for step in ("loadWines", "trainClassifier"):
    explained = json.load(open(f"{sys.argv[2]}/explain-{step}.json"))
    argv, conf = explained["argv"], explained["conf"]
    wanted = [f"--master '{argv[argv.index('--master') + 1]}'", f"--deploy-mode {argv[argv.index('--deploy-mode') + 1]}"]
    # Stepwise's own labels and class path are not the job's settings; spark.master repeats --master
    wanted += [f"--conf {c['key']}={c['value']}" for c in conf
               if not c["key"].startswith("spark.stepwise.") and c["key"] not in ("spark.driver.extraClassPath", "spark.master")]
    line = " ".join(next(l for l in script.splitlines() if l.startswith(f"timed {step} ")).split())
    missing = [w for w in wanted if w not in line]
    if missing:
        sys.exit(f"hand-written.sh's {step} lacks {missing} that `stepwise step explain {step}` gives")
    print(f"{step}: step explain -> " + " ".join(wanted))
PY

# CPU (user, sys) of this shell's waited-for children so far, every JVM of a run included: `times`
# must run in this shell, since a $(subshell)'s children start at zero
cpu_mark() { times > "$OUT/cpu.txt"; }

run_a() { # $1: where to record the run
  local start end cpu
  cpu_mark; cpu="$(sed -n 2p "$OUT/cpu.txt")"
  start=$(date +%s.%N)
  "$CLI" pipeline run dev.stepwise.examples.wine.WinePipeline --classpath "$USER_CP" --no-cache > "$OUT/last-a.log" 2>&1 \
    || { echo "pipeline run failed; see $OUT/last-a.log" >&2; exit 1; }
  end=$(date +%s.%N)
  cpu_mark
  echo "a $start $end $(sed -n 's/^Started run \([^ ]*\) .*/\1/p' "$OUT/last-a.log") $cpu $(sed -n 2p "$OUT/cpu.txt")" >> "$1"
}
run_b() {
  local start end work steps cpu
  work="$(mktemp -d "$PWD/$OUT/work/run.XXXXXX")"
  steps="$work.steps"
  cpu_mark; cpu="$(sed -n 2p "$OUT/cpu.txt")"
  start=$(date +%s.%N)
  STEP_TIMES="$steps" bench/flagship/hand-written.sh "$work" > "$OUT/last-b.log" 2>&1 \
    || { echo "hand-written run failed; see $OUT/last-b.log" >&2; exit 1; }
  end=$(date +%s.%N)
  cpu_mark
  echo "b $start $end $steps $cpu $(sed -n 2p "$OUT/cpu.txt")" >> "$1"
  rm -rf "$work"
}
same_report() { # the same data and the same training give the same figures on both sides
  local a b
  a="$(sed -n 's/^\[printReport\] \(.*accuracy.*\)/\1/p' "$OUT/last-a.log")"
  b="$(grep 'accuracy' "$OUT/last-b.log")"
  [ -n "$a" ] && [ "$a" = "$b" ] || { echo "the two sides' reports differ: A '$a', B '$b'" >&2; exit 1; }
}

echo "machine: $(nproc) cores, load average at start $(cut -d' ' -f1-3 /proc/loadavg)"
run_a /dev/null; run_b /dev/null; same_report # untimed warm-ups: Spark home, app jars, page cache
echo "both sides print:$(grep 'accuracy' "$OUT/last-b.log")"
: > "$OUT/runs.txt"
for i in $(seq "$RUNS"); do
  if [ $((i % 2)) -eq 1 ]; then run_a "$OUT/runs.txt"; run_b "$OUT/runs.txt"; else run_b "$OUT/runs.txt"; run_a "$OUT/runs.txt"; fi
  same_report
done

python3 - "$OUT/runs.txt" "$STEPWISE_CONFIG_DIR/artifacts/runs" <<'PY'
import json, statistics, sys
from datetime import datetime

def t(text):  # ISO-8601 with up to nanoseconds and a Z
    text = text.rstrip("Z")
    whole, _, frac = text.partition(".")
    return datetime.fromisoformat(whole).timestamp() + (float("0." + frac) if frac else 0.0)

def cpu(text):  # bash's `times`: 1m2.345s
    minutes, _, seconds = text.rstrip("s").partition("m")
    return 60 * float(minutes) + float(seconds)

STEPS = ["locateDataset", "loadWines", "trainClassifier", "printReport"]
rows = {"a": [], "b": []}  # per run: [total, before first step, four steps, the rest, CPU]
to_submit = []  # A: each Spark step's RUNNING -> spark-submit started (its launch record)
for line in open(sys.argv[1]):
    side, start, end, ref, *times = line.split()
    start, end = float(start), float(end)
    cpu_s = cpu(times[2]) + cpu(times[3]) - cpu(times[0]) - cpu(times[1])
    if side == "a":
        run = json.load(open(f"{sys.argv[2]}/{ref}/run.json"))
        steps = {s["stepName"]: (t(s["startedAt"]), t(s["endedAt"])) for s in run["steps"]}
        to_submit.append({s["stepName"]: t(json.load(open(f"{sys.argv[2]}/{ref}/steps/{s['invocationId']}/spark-launch.json"))
                          ["submittedAt"]) - t(s["startedAt"]) for s in run["steps"] if s["stepOperator"]})
    else:
        steps = {s: (float(b), float(e)) for s, b, e in (l.split() for l in open(ref))}
    durations = [steps[s][1] - steps[s][0] for s in STEPS]
    before = steps[STEPS[0]][0] - start
    row = [end - start, before] + durations + [end - start - before - sum(durations), cpu_s]
    rows[side].append(row)
    print(f"({side}) {end - start:6.2f} s, CPU {cpu_s:6.1f} s: before the first step {before:5.2f}, "
          + ", ".join(f"{s} {d:5.2f}" for s, d in zip(STEPS, durations))
          + f", between steps and after {row[-2]:5.2f}" + (f"  [{ref}]" if side == "a" else ""))
med = {side: [statistics.median(c) for c in zip(*r)] for side, r in rows.items()}
names = ["total", "before first step"] + STEPS + ["between/after", "CPU (user+sys)"]
print(f"\nmedians over {len(rows['a'])} runs each (s)")
print(f"{'':20s} {'(A) stepwise':>13s} {'(B) by hand':>12s} {'A-B':>7s}")
for i, n in enumerate(names):
    print(f"{n:20s} {med['a'][i]:13.2f} {med['b'][i]:12.2f} {med['a'][i] - med['b'][i]:7.2f}")
print("(A: `stepwise pipeline run` exec'd -> exit, steps from the run record; in-process steps run in the CLI's JVM."
      "\n B: hand-written.sh exec'd -> exit, each command timed; in-process steps are each a `java -cp` JVM.)")
ratio = med["a"][0] / med["b"][0]
print("A, step RUNNING -> spark-submit started (median): " + ", ".join(
    f"{s} {statistics.median(r[s] for r in to_submit):.2f} s" for s in to_submit[0])
    + "; the rest of A's Spark steps is spark-submit's own run")
print(f"A/B = {ratio:.3f} (wall), {med['a'][-1] / med['b'][-1]:.3f} (CPU)")
print(f"GOAL flagship-vs-hand-written value={ratio:.3f} goal=report report")
PY
echo "load average at end $(cut -d' ' -f1-3 /proc/loadavg)"

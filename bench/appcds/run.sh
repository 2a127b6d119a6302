#!/usr/bin/env bash
# What class-data sharing gives a bare small Spark job, before Stepwise builds any archive (issue 14).
# The job is bench/spark's BenchPlain (count the even numbers below 100,000 on local[2]), run with
# `spark-submit` of the embedded Spark home, client mode, so the driver is the JVM spark-submit execs.
#   (a)   Java 17, no application archive (the JDK's default CDS archive only)
#   (b)   Java 17, dynamic AppCDS archive: -XX:ArchiveClassesAtExit on an untimed dump run,
#         then -XX:SharedArchiveFile
#   (a25) Java 25, no application archive
#   (c)   Java 25, -XX:+AutoCreateSharedArchive -XX:SharedArchiveFile (created by the untimed first run)
#   (d)   Java 25, AOT cache (JEP 483/514): -XX:AOTCacheOutput on an untimed training run, then -XX:AOTCache
# Every variant gets the same Spark conf, heap (Spark's default driver memory) and home; the archive
# options reach the driver JVM through --driver-java-options. All variants run with SPARK_CONF_DIR set
# to an empty directory and log4j2's config named by -Dlog4j2.configurationFile: the launcher puts
# SPARK_CONF_DIR on the driver's class path, and JDK 17 refuses to dump or use an archive whose class
# path holds a non-empty directory ("Cannot have non-empty directory in paths").
# Interleaved, order alternating from run to run, after one untimed warm-up of each; prints medians,
# ratios, the launcher JVM's own time, the load average, and GOAL lines for bench/run-all.
# Usage: bench/appcds/run.sh [runs]   (after `mvn -B -o -pl runtime -am test-compile`)
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS="${1:-5}"
OUT=bench/appcds/target
JDK17="${STEPWISE_BENCH_JDK17:-/usr/lib/jvm/java-17-openjdk-amd64}"
JDK25="${STEPWISE_BENCH_JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}"
mkdir -p "$OUT/classes" "$OUT/empty-conf"
rm -f "$OUT"/*.jsa "$OUT"/*.aot
export SPARK_LOCAL_IP=127.0.0.1

# the same harness build as bench/spark
if [ ! -s "$OUT/deps.cp" ]; then
  mvn -B -q -o -pl runtime -am compile dependency:build-classpath -Dmdep.outputFile="$PWD/$OUT/deps.cp" >/dev/null
fi
CP="runtime/target/classes:runtime/target/test-classes:$(cat "$OUT/deps.cp")"
javac -d "$OUT/classes" -cp "$CP" bench/spark/src/*.java
(cd "$OUT/classes" && jar cf ../bench.jar BenchPlain.class)
SPARK_HOME_DIR="$("$JDK17/bin/java" -cp "$OUT/classes:$CP" BenchStep --print-spark-home 2>/dev/null | tail -1 | sed 's/\x1b\[[0-9;]*m//g')"
[ -x "$SPARK_HOME_DIR/bin/spark-submit" ] || { echo "no embedded Spark home found ($SPARK_HOME_DIR)" >&2; exit 1; }

export SPARK_CONF_DIR="$PWD/$OUT/empty-conf" SPARK_SCALA_VERSION=2.13
export LOG4J="-Dlog4j2.configurationFile=file:$SPARK_HOME_DIR/conf/log4j2.properties"
export ARCHIVE17="$PWD/$OUT/spark-jdk17.jsa"
export ARCHIVE25="$PWD/$OUT/spark-jdk25.jsa"
export AOT25="$PWD/$OUT/spark-jdk25.aot"
export SPARK_HOME_DIR OUT JDK17 JDK25

submit() { # java-home driver-java-options
  JAVA_HOME="$1" "$SPARK_HOME_DIR/bin/spark-submit" --master 'local[2]' --conf spark.ui.enabled=false \
    --driver-java-options "$LOG4J $2" --class BenchPlain "$OUT/bench.jar"
}
run_a()   { submit "$JDK17" ""; }
run_b()   { submit "$JDK17" "-XX:SharedArchiveFile=$ARCHIVE17"; }
run_a25() { submit "$JDK25" ""; }
run_c()   { submit "$JDK25" "-XX:+AutoCreateSharedArchive -XX:SharedArchiveFile=$ARCHIVE25"; }
run_d()   { submit "$JDK25" "-XX:AOTCache=$AOT25"; }
# Spark's launcher JVM alone (org.apache.spark.launcher.Main building the driver command), Java 17:
# the part of spark-submit that no driver option reaches
run_launcher() {
  SPARK_HOME="$SPARK_HOME_DIR" "$JDK17/bin/java" -Xmx128m -cp "$SPARK_HOME_DIR/jars/*" org.apache.spark.launcher.Main \
    org.apache.spark.deploy.SparkSubmit --master 'local[2]' --class BenchPlain "$OUT/bench.jar" >/dev/null
}

# untimed: the archives are made by one run each (the dump runs are slow: ~15-35 s)
submit "$JDK17" "-XX:ArchiveClassesAtExit=$ARCHIVE17" > "$OUT/dump-b.log" 2>&1 \
  || { echo "JDK 17 dump run failed; see $OUT/dump-b.log" >&2; exit 1; }
run_c > "$OUT/dump-c.log" 2>&1 || { echo "JDK 25 first run failed; see $OUT/dump-c.log" >&2; exit 1; }
submit "$JDK25" "-XX:AOTCacheOutput=$AOT25" > "$OUT/dump-d.log" 2>&1 \
  || { echo "JDK 25 AOT training run failed; see $OUT/dump-d.log" >&2; exit 1; }
for f in "$ARCHIVE17" "$ARCHIVE25" "$AOT25"; do
  [ -s "$f" ] || { echo "no archive at $f; see $OUT/dump-*.log" >&2; exit 1; }
done
archive25_before=$(stat -c %Y "$ARCHIVE25")

# untimed: each archive is really mapped (-Xshare:on / -XX:AOTMode=on fail the JVM otherwise), and
# how many of the classes the driver loads come from it
verify() { # name java-home options
  submit "$2" "$3 -Xlog:class+load=info:file=$PWD/$OUT/classload-$1.txt" > "$OUT/verify-$1.log" 2>&1 \
    || { echo "archive $1 is not usable; see $OUT/verify-$1.log" >&2; exit 1; }
  local total shared
  total=$(grep -c 'source:' "$OUT/classload-$1.txt" || true)
  shared=$(grep -c 'source: shared objects file' "$OUT/classload-$1.txt" || true)
  echo "verified ($1): $shared of $total driver classes from the archive(s), $(du -m "$4" | cut -f1) MB"
}
verify b "$JDK17" "-XX:SharedArchiveFile=$ARCHIVE17 -Xshare:on" "$ARCHIVE17"
verify c "$JDK25" "-XX:+AutoCreateSharedArchive -XX:SharedArchiveFile=$ARCHIVE25 -Xshare:on" "$ARCHIVE25"
verify d "$JDK25" "-XX:AOTCache=$AOT25 -XX:AOTMode=on" "$AOT25"
verify a "$JDK17" "" "$JDK17/lib/server/classes.jsa"

VARIANTS=(a b a25 c d launcher)
for p in "${VARIANTS[@]}"; do "run_$p" >/dev/null 2>&1; done # warm-up: page cache

: > "$OUT/times.txt"
for i in $(seq "$RUNS"); do
  order=("${VARIANTS[@]}")
  if [ $((i % 2)) -eq 0 ]; then # alternate the order: reversed on even runs
    order=(); for ((k=${#VARIANTS[@]}-1; k>=0; k--)); do order+=("${VARIANTS[$k]}"); done
  fi
  for p in "${order[@]}"; do
    # wall seconds, and user+system CPU seconds of the whole spark-submit process tree (steadier
    # than wall time when other work shares the cores)
    /usr/bin/time -f "%e %U %S" -o "$OUT/last-$p.time" bash -c "$(declare -f submit "run_$p"); run_$p" \
      > "$OUT/last-$p.log" 2>&1 || { echo "run $p failed; see $OUT/last-$p.log" >&2; exit 1; }
    echo "$p $(tail -1 "$OUT/last-$p.time")" >> "$OUT/times.txt"
  done
done
[ "$(stat -c %Y "$ARCHIVE25")" = "$archive25_before" ] \
  || echo "note: the JDK 25 auto archive was rewritten during the timed runs" >&2

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "Spark home: $SPARK_HOME_DIR; runs: $RUNS each, interleaved, order alternating"
python3 - "$OUT/times.txt" <<'PY'
import statistics, sys
times, cpus = {}, {}
for line in open(sys.argv[1]):
    p, wall, user, system = line.split()
    times.setdefault(p, []).append(float(wall))
    cpus.setdefault(p, []).append(float(user) + float(system))
m = {p: statistics.median(v) for p, v in times.items()}
cpu = {p: statistics.median(v) for p, v in cpus.items()}
names = {
    "a": "(a)   Java 17, no app archive",
    "b": "(b)   Java 17, dynamic AppCDS archive",
    "a25": "(a25) Java 25, no app archive",
    "c": "(c)   Java 25, AutoCreateSharedArchive",
    "d": "(d)   Java 25, AOT cache (JEP 483/514)",
    "launcher": "      Spark's launcher JVM alone, Java 17",
}
for p in ["a", "b", "a25", "c", "d", "launcher"]:
    print(f"{names[p]:42s} wall median {m[p]:6.2f} s  cpu median {cpu[p]:6.2f} s   wall runs: "
          + " ".join(f"{t:.2f}" for t in times[p]))
for label, x in [("wall", m), ("cpu ", cpu)]:
    print(f"{label}: b/a = {x['b']/x['a']:.3f}   c/a = {x['c']/x['a']:.3f}   c/a25 = {x['c']/x['a25']:.3f}   "
          f"d/a = {x['d']/x['a']:.3f}   d/a25 = {x['d']/x['a25']:.3f}   a25/a = {x['a25']/x['a']:.3f}")
# issue 14's decision rule: an archive worth building saves at least 20 % of the bare job
for name, v in [("appcds-bare-job-jdk17-b/a", m["b"] / m["a"]), ("appcds-bare-job-jdk25-c/a25", m["c"] / m["a25"])]:
    print(f"GOAL {name} value={v:.3f} goal<=0.80 {'met' if v <= 0.80 else 'missed'}")
PY

#!/usr/bin/env bash
# Spark on Kubernetes benchmark (see README.md). Usage: bench/kubernetes/run.sh [runs]
# Build first: mvn -B -o -pl runtime -am test-compile
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS="${1:-5}"
OUT=bench/kubernetes/target
mkdir -p "$OUT/classes"
export SPARK_LOCAL_IP=127.0.0.1
if [ ! -s "$OUT/deps.cp" ]; then
  mvn -B -q -o -pl runtime -am compile dependency:build-classpath -Dmdep.outputFile="$PWD/$OUT/deps.cp" >/dev/null
fi
CP="runtime/target/classes:runtime/target/test-classes:$(cat "$OUT/deps.cp")"
javac -d "$OUT/classes" -cp "$CP" bench/kubernetes/src/*.java
# the image's dependency layer: the runtime's own non-Spark, non-Scala jars (what a project would ship)
DEPS=$(tr ':' '\n' < "$OUT/deps.cp" | grep -E '(/software/amazon/awssdk/.*|/(hadoop-aws|jackson-datatype|picocli|jib-core|jib-build-plan|guava|google-http-client)-[^/]*)\.jar$' || true)
java -cp "$OUT/classes:$CP" dev.stepwise.kubernetes.BenchKubernetes "$RUNS" $DEPS
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"

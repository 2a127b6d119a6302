#!/usr/bin/env bash
# Stepwise's spark-class: runs a Spark main class (SparkSubmit, the standalone Master or Worker) the
# way a Spark distribution does. Spark's own launcher (org.apache.spark.launcher.Main) builds the java
# command, so module flags, memory and class path are Spark's; this script only runs that command.
set -eu
SPARK_HOME="$(cd "$(dirname "$0")/.." && pwd -P)"
export SPARK_HOME
SPARK_CONF_DIR="${SPARK_CONF_DIR:-$SPARK_HOME/conf}"
export SPARK_CONF_DIR
# conf/spark-env.sh exports what Spark's launcher needs in this home (SPARK_SCALA_VERSION); a
# worker passes its environment on to the executors and drivers it starts.
if [ -f "$SPARK_CONF_DIR/spark-env.sh" ]; then
  set -a
  . "$SPARK_CONF_DIR/spark-env.sh"
  set +a
fi
if [ -n "${JAVA_HOME:-}" ]; then JAVA="$JAVA_HOME/bin/java"; else JAVA="java"; fi

# The launcher prints optional text lines, an empty marker line, then the command NUL-separated.
# Its output goes through a temp file, not a process substitution: a substituted subshell would stay
# an unreaped zombie child of the JVM this script execs into.
out="$(mktemp "${TMPDIR:-/tmp}/stepwise-spark-class.XXXXXX")"
status=0
# STEPWISE_CLASSPATH_CONF_DIR (from Stepwise's launches) is the conf dir the JVM gets on its class path:
# an empty one, so the home's class-data archive maps. SPARK_CONF_DIR, which that JVM reads at run time
# (spark-defaults.conf; the files a Kubernetes submission ships to the driver pod), stays this home's.
SPARK_CONF_DIR="${STEPWISE_CLASSPATH_CONF_DIR:-$SPARK_CONF_DIR}" \
  "$JAVA" -Xmx128m -cp "$SPARK_HOME/jars/*" org.apache.spark.launcher.Main "$@" > "$out" || status=$?
cmd=()
in_command=false
while true; do
  if [ "$in_command" = false ]; then
    IFS= read -r line || break
    if [ -z "$line" ]; then in_command=true; else printf '%s\n' "$line" >&2; fi
  else
    IFS= read -r -d '' field || break
    cmd+=("$field")
  fi
done < "$out"
rm -f "$out"
if [ "$status" != 0 ]; then
  exit "$status"
fi

count=${#cmd[@]}
if [ "$count" -eq 0 ]; then
  echo "spark-class: Spark's launcher produced no command" >&2
  exit 1
fi
exec "${cmd[@]}"

#!/usr/bin/env bash
# Stepwise's embedded spark-submit. Spark's own launcher (org.apache.spark.launcher.Main) builds the
# java command, so the JVM module flags, -Xmx from spark.driver.memory and extra Java options are
# exactly what a real Spark installation would use; this script only runs that command.
set -eu
SPARK_HOME="$(cd "$(dirname "$0")/.." && pwd -P)"
export SPARK_HOME
# Spark's launcher needs the Scala version when the home is not a Spark build tree.
export SPARK_SCALA_VERSION="${SPARK_SCALA_VERSION:-2.13}"
if [ -n "${JAVA_HOME:-}" ]; then JAVA="$JAVA_HOME/bin/java"; else JAVA="java"; fi

# The launcher prints optional text lines, an empty marker line, then the command NUL-separated.
# Its output goes through a temp file, not a process substitution: a substituted subshell would stay
# an unreaped zombie child of the JVM this script execs into.
out="$(mktemp "${TMPDIR:-/tmp}/stepwise-spark-submit.XXXXXX")"
status=0
"$JAVA" -Xmx128m -cp "$SPARK_HOME/jars/*" org.apache.spark.launcher.Main \
  org.apache.spark.deploy.SparkSubmit "$@" > "$out" || status=$?
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
  echo "spark-submit: Spark's launcher produced no command" >&2
  exit 1
fi
exec "${cmd[@]}"

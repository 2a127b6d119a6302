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

# The launcher prints optional text lines, an empty marker line, then the command NUL-separated;
# the last field is the launcher's own exit status.
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
done < <("$JAVA" -Xmx128m -cp "$SPARK_HOME/jars/*" org.apache.spark.launcher.Main \
  org.apache.spark.deploy.SparkSubmit "$@"; printf '%d\0' $?)

count=${#cmd[@]}
if [ "$count" -eq 0 ]; then
  echo "spark-submit: Spark's launcher produced no command" >&2
  exit 1
fi
status=${cmd[$((count - 1))]}
if [ "$status" != 0 ]; then
  exit "$status"
fi
exec "${cmd[@]:0:$((count - 1))}"

#!/usr/bin/env bash
# Builds the class-data sharing archive of Stepwise's embedded Spark home for one JVM (see
# dev.stepwise.spark.SparkClassArchive): one run of a small Spark job through the home's spark-submit
# with -XX:ArchiveClassesAtExit, a check that a JVM with that driver's class path maps the result
# (-Xshare:on fails the JVM otherwise), then a rename into place, so a reader never sees a partial
# archive. Started in the background by the first Spark step that finds none; no step waits for it.
# A failure leaves <archive>.failed with the reason (the output is in <archive>.log).
# Usage: class-archive.sh SPARK_HOME JAVA_HOME ARCHIVE EMPTY_CONF_DIR TRAINING_JAR MARKER
# It detaches first, so it is no process of the run that started it: stopping or cancelling that
# run's processes leaves it be, and it ends (removing MARKER) whether or not that run is still there.
set -u
if [ "${STEPWISE_CLASS_ARCHIVE_BUILD:-}" != detached ]; then
  STEPWISE_CLASS_ARCHIVE_BUILD=detached "$0" "$@" < /dev/null &
  exit 0
fi
home=$1 java_home=$2 archive=$3 conf_dir=$4 training_jar=$5 marker=$6
tmp="$archive.$$.tmp"
work=""
trap 'rm -rf "$work" "$tmp" "$marker"' EXIT
work="$(mktemp -d "$archive.training.XXXXXX")" || exit 1
fail() {
  echo "stepwise: class-data archive not built: $1" >&2
  echo "$1 (output: $archive.log)" > "$archive.failed"
  exit 1
}
export JAVA_HOME="$java_home" STEPWISE_CLASSPATH_CONF_DIR="$conf_dir" SPARK_SCALA_VERSION=2.13 \
  SPARK_LOCAL_IP=127.0.0.1
unset SPARK_CONF_DIR SPARK_DIST_CLASSPATH HADOOP_CONF_DIR YARN_CONF_DIR
export SPARK_SUBMIT_OPTS="-XX:ArchiveClassesAtExit=$tmp -Dlog4j2.configurationFile=file:$home/conf/log4j2.properties"
"$home/bin/spark-submit" --master 'local[2]' --conf spark.ui.enabled=false --name stepwise-class-archive \
  --class dev.stepwise.spark.ClassArchiveTraining "$training_jar" "$work" \
  || fail "the training run through $home/bin/spark-submit failed"
[ -s "$tmp" ] || fail "the training run's JVM wrote no archive"
[ -s "$work/classpath" ] || fail "the training run did not report its class path"
"$java_home/bin/java" -Xshare:on -XX:SharedArchiveFile="$tmp" -cp "$(cat "$work/classpath")" -version \
  || fail "a JVM with the driver's class path cannot map the archive"
mv -f "$tmp" "$archive" || fail "cannot move the archive into place"
rm -f "$archive.failed"
echo "stepwise: class-data archive ready at $archive"

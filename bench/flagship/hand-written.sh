#!/usr/bin/env bash
# The flagship pipeline (examples/.../wine) by hand, as a user would script it without Stepwise:
# the two in-process steps as plain `java -cp`, the two Spark steps as spark-submit with the
# master, driver memory and Spark conf `stepwise step explain` gives them, each job calling the
# same step method and handing its result to the next through a file in WORK_DIR.
# Usage: SPARK_HOME=<spark home> bench/flagship/hand-written.sh WORK_DIR
#   (from the repository root, after bench/flagship/run.sh has built bench/flagship/target)
#   STEP_TIMES=<file>: append "<step> <start> <end>" (epoch seconds) for each command.
set -euo pipefail
WORK="$1"
CLASSES=bench/flagship/target/classes
APP_JAR=bench/flagship/target/app.jar # the jobs and the examples' classes
USER_CP="$CLASSES:examples/target/classes:examples/target/lib/*"
if [ -n "${JAVA_HOME:-}" ]; then java="$JAVA_HOME/bin/java"; else java="java"; fi

timed() {
  local step="$1" start
  shift
  start=$(date +%s.%N)
  "$@"
  if [ -n "${STEP_TIMES:-}" ]; then echo "$step $start $(date +%s.%N)" >> "$STEP_TIMES"; fi
}

timed locateDataset "$java" -cp "$USER_CP" LocateDatasetJob examples/data/wine.csv "$WORK/csv-path.txt"
timed loadWines "$SPARK_HOME/bin/spark-submit" --master 'local[1]' --deploy-mode client \
  --name wine-classifier-loadwines --conf spark.driver.memory=1g --conf spark.sql.shuffle.partitions=4 \
  --class LoadWinesJob "$APP_JAR" "$WORK/csv-path.txt" "$WORK/wines.parquet"
timed trainClassifier "$SPARK_HOME/bin/spark-submit" --master 'local[2]' --deploy-mode client \
  --name wine-classifier-trainclassifier --conf spark.driver.memory=1g --conf spark.sql.shuffle.partitions=4 \
  --class TrainClassifierJob "$APP_JAR" "$WORK/wines.parquet" "$WORK/report.json"
timed printReport "$java" -cp "$USER_CP" PrintReportJob "$WORK/report.json"

#!/usr/bin/env bash
# Starts a Spark standalone worker from this home in the background, registered with MASTER_URL.
#   sbin/start-worker.sh spark://HOST:7077 [--cores N] [--memory 4g] [--webui-port 8081] [--work-dir DIR]
if [ $# -lt 1 ]; then
  echo "usage: sbin/start-worker.sh spark://HOST:PORT [worker options]" >&2
  exit 2
fi
exec "$(dirname "$0")/spark-daemon.sh" start worker org.apache.spark.deploy.worker.Worker "$@"

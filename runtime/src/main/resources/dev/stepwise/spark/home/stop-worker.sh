#!/usr/bin/env bash
# Stops the Spark standalone worker started by sbin/start-worker.sh (and the executors it runs).
exec "$(dirname "$0")/spark-daemon.sh" stop worker

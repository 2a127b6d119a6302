#!/usr/bin/env bash
# Starts a Spark standalone master from this home in the background.
#   sbin/start-master.sh [--host HOST] [--port 7077] [--webui-port 8080]
exec "$(dirname "$0")/spark-daemon.sh" start master org.apache.spark.deploy.master.Master "$@"

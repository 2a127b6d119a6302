#!/usr/bin/env bash
# Stops the Spark standalone master started by sbin/start-master.sh.
exec "$(dirname "$0")/spark-daemon.sh" stop master

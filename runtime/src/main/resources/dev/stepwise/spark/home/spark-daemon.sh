#!/usr/bin/env bash
# Starts or stops one standalone daemon of this Spark home in the background, with a pid file in
# SPARK_PID_DIR (default: SPARK_HOME/run) and its output in SPARK_LOG_DIR (default: SPARK_HOME/logs).
#   spark-daemon.sh start NAME MAIN_CLASS [ARGS...]      spark-daemon.sh stop NAME
set -eu
SPARK_HOME="$(cd "$(dirname "$0")/.." && pwd -P)"
pid_dir="${SPARK_PID_DIR:-$SPARK_HOME/run}"
log_dir="${SPARK_LOG_DIR:-$SPARK_HOME/logs}"
action="$1"
name="$2"
shift 2
pid_file="$pid_dir/stepwise-spark-$name.pid"

running_pid() {
  [ -f "$pid_file" ] || return 1
  local pid
  pid="$(cat "$pid_file")"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

case "$action" in
  start)
    main_class="$1"
    shift
    if pid="$(running_pid)"; then
      echo "the Spark $name is already running as process $pid ($pid_file); stop it with sbin/stop-$name.sh" >&2
      exit 1
    fi
    mkdir -p "$pid_dir" "$log_dir"
    log="$log_dir/stepwise-spark-$name.out"
    # spark-class execs the JVM, so the background process's pid is the daemon's
    nohup "$SPARK_HOME/bin/spark-class" "$main_class" "$@" >> "$log" 2>&1 < /dev/null &
    echo $! > "$pid_file"
    echo "started the Spark $name as process $! (log: $log, pid file: $pid_file)"
    ;;
  stop)
    if ! pid="$(running_pid)"; then
      echo "no Spark $name to stop (no live process in $pid_file)"
      rm -f "$pid_file"
      exit 0
    fi
    kill "$pid"
    # SIGTERM lets the daemon stop what it started; after SPARK_STOP_TIMEOUT seconds it is killed
    waited=0
    while kill -0 "$pid" 2>/dev/null; do
      if [ "$waited" -ge "$(( ${SPARK_STOP_TIMEOUT:-10} * 10 ))" ]; then
        echo "the Spark $name (process $pid) ignored SIGTERM; killing it" >&2
        kill -9 "$pid" 2>/dev/null || true
        break
      fi
      sleep 0.1
      waited=$((waited + 1))
    done
    rm -f "$pid_file"
    echo "stopped the Spark $name (process $pid)"
    ;;
  *)
    echo "usage: spark-daemon.sh start NAME MAIN_CLASS [ARGS...] | stop NAME" >&2
    exit 2
    ;;
esac

#!/usr/bin/env bash
# stop-satellite.sh - stop the satellite admin peer and the PostgreSQL cluster that start-satellite.sh
# started, and remove their directory. Only the PIDs recorded in $STORJ_DIR/run/*.pid are signalled, and only
# while that process's command line still names $STORJ_DIR (a recycled PID is never hit). Never kills by name.
#
#   STORJ_DIR            the working dir (default /tmp/s3admin-test-storj)
#   STORJ_KEEP=1         stop the processes but keep the directory (logs) for debugging
#   STORJ_STOP_GRACE=N   seconds between SIGTERM and SIGKILL per process (default 5)
set -uo pipefail

STORJ_DIR="${STORJ_DIR:-/tmp/s3admin-test-storj}"
STORJ_DIR="${STORJ_DIR%/}"
RUN="$STORJ_DIR/run"
MARKER="$STORJ_DIR/.storj-test-dir"
GRACE="${STORJ_STOP_GRACE:-5}"
say() { echo "[stop-satellite] $*" >&2; }

# same lock as start-satellite.sh (skipped when called from it: it already holds it)
if [[ -z "${STORJ_LOCK_HELD:-}" ]]; then
  exec 9>"$STORJ_DIR.lock"
  flock -w 120 9 || { say "could not lock $STORJ_DIR.lock within 120 s"; exit 1; }
fi

if [[ ! -e "$STORJ_DIR" ]]; then
  say "$STORJ_DIR does not exist; nothing to do"
  exit 0
fi
if [[ ! -f "$MARKER" ]]; then
  say "$STORJ_DIR was not created by start-satellite.sh (no marker); refusing to touch it"
  exit 1
fi

ours() {   # ours PID -> 0 if PID is alive and its command line names our dir
  [[ -r "/proc/$1/cmdline" ]] || return 1
  tr '\0' ' ' <"/proc/$1/cmdline" | grep -qF -- "$STORJ_DIR/"
}

# the satellite first (it holds connections to the databases), then PostgreSQL (SIGINT = fast shutdown)
for name in satellite-admin postgres; do
  f="$RUN/$name.pid"
  # a start that failed halfway may have left PostgreSQL running before its PID was recorded
  [[ "$name" == postgres && ! -s "$f" ]] && f="$STORJ_DIR/pg/data/postmaster.pid"
  [[ -s "$f" ]] || continue
  pid=$(head -n 1 "$f" | tr -dc '0-9')
  [[ -n "$pid" ]] || continue
  if ours "$pid"; then
    say "stopping $name (pid $pid)"
    if [[ "$name" == postgres ]]; then kill -INT "$pid" 2>/dev/null || true; else kill -TERM "$pid" 2>/dev/null || true; fi
    for _ in $(seq "$(( GRACE * 5 ))"); do ours "$pid" || break; sleep 0.2; done
    if ours "$pid"; then
      say "$name (pid $pid) still alive after ${GRACE}s; SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      for _ in $(seq 25); do ours "$pid" || break; sleep 0.2; done
    fi
  else
    say "$name: pid $pid not running (or not ours); skipping"
  fi
done
# PostgreSQL's own children end with the postmaster; anything still holding our dir is a bug worth seeing
left="$(for p in /proc/[0-9]*; do ours "${p#/proc/}" && echo "${p#/proc/}"; done 2>/dev/null | tr '\n' ' ')"
[[ -z "$left" ]] || say "WARNING: processes still naming $STORJ_DIR: $left"

if [[ "${STORJ_KEEP:-0}" == 1 ]]; then
  rm -f "$STORJ_DIR/env"
  say "stopped; keeping $STORJ_DIR (STORJ_KEEP=1)"
  exit 0
fi
rm -rf -- "$STORJ_DIR"
say "removed $STORJ_DIR"

#!/usr/bin/env bash
# start-satellite.sh - bring up a throw-away Storj satellite admin API on 127.0.0.1 for tests: a private
# PostgreSQL cluster (satellite DB + metabase DB) on a free loopback port, the satellite schema migration,
# then `satellite run admin` (the satellite's admin peer, the process production runs with SATELLITE_ADMIN=true)
# with the console auth token as its admin token. No storage nodes, no Redis (live accounting is "noop",
# which the admin peer accepts), no network beyond loopback. See README.md next to this file.
#
# Prints `export NAME='value'` lines on stdout (everything else goes to stderr).
# Idempotent: if the satellite in $STORJ_DIR is running, healthy and has the same settings, it only prints
# the env file. A half-dead or differently configured one is stopped (by recorded PIDs) and started fresh.
#
# Environment (all optional):
#   STORJ_DIR             working dir (default /tmp/s3admin-test-storj); wiped on (re)start
#   STORJ_ADMIN_PORT      admin API port on 127.0.0.1 (default: a free port chosen by the kernel)
#   STORJ_PG_PORT         PostgreSQL port on 127.0.0.1 (default: a free port chosen by the kernel)
#   STORJ_ADMIN_TOKEN     the admin token (console.auth-token; default a fixed test token)
#   STORJ_START_TIMEOUT   seconds each wait may take (default 120)
#   STORJ_SKIP_APT=1      never call apt-get (fail if PostgreSQL is missing)
#   STORJ_DEBUG=1         set -x
set -euo pipefail
[[ "${STORJ_DEBUG:-0}" == 1 ]] && set -x

T0=$(date +%s.%N)
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$SCRIPT_DIR/../../.." && pwd)"
BIN="$ROOT/.cache/go-bin"

STORJ_DIR="${STORJ_DIR:-/tmp/s3admin-test-storj}"
STORJ_DIR="${STORJ_DIR%/}"
STORJ_ADMIN_TOKEN="${STORJ_ADMIN_TOKEN:-s3admin-storj-test-admin-token-0123456789}"
STORJ_START_TIMEOUT="${STORJ_START_TIMEOUT:-120}"
[[ "$STORJ_ADMIN_TOKEN" =~ ^[A-Za-z0-9._+=-]+$ ]] || { echo "start-satellite: STORJ_ADMIN_TOKEN may only use [A-Za-z0-9._+=-]" >&2; exit 1; }

MARKER="$STORJ_DIR/.storj-test-dir"   # stop-satellite.sh only deletes dirs holding this
RUN="$STORJ_DIR/run"
LOG="$STORJ_DIR/log"
PGDATA="$STORJ_DIR/pg/data"

elapsed() { awk -v a="$T0" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b-a}'; }
log() { printf '[start-satellite %5ss] %s\n' "$(elapsed)" "$*" >&2; }
show_logs() {
  local f
  for f in "$LOG"/postgresql.log "$LOG"/migration.log "$LOG"/satellite-admin.log; do
    [[ -s "$f" ]] || continue
    echo "----- tail $f" >&2; tail -n 25 "$f" >&2
  done
}
STARTED=0   # set once this run has started a process: a failure then stops it again (keeping the logs)
die() {
  log "ERROR: $*"; show_logs
  if [[ "$STARTED" == 1 ]]; then
    STORJ_LOCK_HELD=1 STORJ_KEEP=1 STORJ_DIR="$STORJ_DIR" bash "$SCRIPT_DIR/stop-satellite.sh" >&2 || true
    log "stopped what this run started; logs kept in $LOG"
  fi
  exit 1
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# ---------------------------------------------------------------- lock
# serialise concurrent start/stop calls for the same dir (parallel test workers)
exec 9>"$STORJ_DIR.lock"
flock -w "$STORJ_START_TIMEOUT" 9 || die "could not lock $STORJ_DIR.lock within ${STORJ_START_TIMEOUT}s"

# ------------------------------------------------------ already running?
pid_ours() {   # pid_ours NAME -> 0 if the PID in run/NAME.pid is alive and its command line names $STORJ_DIR
  local f="$RUN/$1.pid" pid
  [[ -s "$f" ]] || return 1
  pid=$(tr -dc '0-9' <"$f")
  [[ -n "$pid" && -r "/proc/$pid/cmdline" ]] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$STORJ_DIR/"
}
admin_status() {   # "404 json" when an authenticated GET of an unknown user under prefix $1 gets the admin API's answer
  # (a JSON 404; a path the admin API does not serve answers a text/plain or text/html one)
  curl -s -o /dev/null -m 5 -w '%{http_code} %{content_type}' -H "Authorization: $STORJ_ADMIN_TOKEN" \
    "http://127.0.0.1:$ADMIN_PORT$1/users/nobody@probe.invalid" 2>/dev/null | sed 's|^404 application/json.*|404 json|' || true
}
# the requested settings (not the ports chosen for "auto"): the same request finds the running satellite
SETTINGS="bin=$(cat "$BIN/storj-satellite.version" 2>/dev/null) token=$STORJ_ADMIN_TOKEN admin=${STORJ_ADMIN_PORT:-auto} pg=${STORJ_PG_PORT:-auto}"
if [[ -f "$STORJ_DIR/env" && -f "$MARKER" && "$(cat "$STORJ_DIR/settings" 2>/dev/null)" == "$SETTINGS" ]]; then
  ADMIN_PORT="$(sed -n "s/^export STORJ_ADMIN_PORT='\([0-9]*\)'$/\1/p" "$STORJ_DIR/env")"
  PREFIX="$(sed -n "s/^export STORJ_ADMIN_PATH_PREFIX='\(.*\)'$/\1/p" "$STORJ_DIR/env")"
  if pid_ours postgres && pid_ours satellite-admin && [[ "$(admin_status "$PREFIX")" == "404 json" ]]; then
    log "already running in $STORJ_DIR (healthy)"
    cat "$STORJ_DIR/env"
    exit 0
  fi
fi

# stale / half-started / differently configured: stop what we recorded and start from scratch
if [[ -e "$STORJ_DIR" ]]; then
  if [[ -f "$MARKER" ]]; then
    log "found a stale satellite (or one with other settings) in $STORJ_DIR; stopping it and starting fresh"
    STORJ_LOCK_HELD=1 STORJ_DIR="$STORJ_DIR" bash "$SCRIPT_DIR/stop-satellite.sh" >&2 || true
  elif [[ -n "$(ls -A "$STORJ_DIR" 2>/dev/null)" ]]; then
    die "$STORJ_DIR exists, is not empty and was not made by this script; refusing to touch it"
  fi
fi

# ------------------------------------------------------------- binaries
[[ -x "$BIN/satellite" && -x "$BIN/identity" ]] || die "$BIN/satellite or $BIN/identity is missing: run test/support/storj/build.sh"
SUDO=""; [[ $(id -u) -eq 0 ]] || SUDO="sudo"
pg_bindir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
missing=()
[[ -n "$(pg_bindir)" && -x "$(pg_bindir)/initdb" ]] || missing+=(postgresql)
command -v psql >/dev/null 2>&1 || missing+=(postgresql-client)
command -v curl >/dev/null 2>&1 || missing+=(curl)
if (( ${#missing[@]} )); then
  [[ "${STORJ_SKIP_APT:-0}" == 1 ]] && die "missing: ${missing[*]} (STORJ_SKIP_APT=1)"
  log "installing from Debian: ${missing[*]}"
  # Debian's postgresql package creates and starts a system-wide 'main' cluster unless told not to; we never
  # use it, so ask postgresql-common not to create it (a drop-in of its own config mechanism).
  if [[ ! -e /etc/postgresql-common/createcluster.d/50-s3admin-tests.conf ]]; then
    $SUDO mkdir -p /etc/postgresql-common/createcluster.d
    echo 'create_main_cluster = false' | $SUDO tee /etc/postgresql-common/createcluster.d/50-s3admin-tests.conf >/dev/null
  fi
  $SUDO timeout 600 apt-get -o DPkg::Lock::Timeout=120 update -qq >&2 || die "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive $SUDO timeout 900 apt-get -o DPkg::Lock::Timeout=120 install -y -qq --no-install-recommends \
    postgresql postgresql-client curl >&2 || die "apt-get install postgresql failed"
  log "packages installed"
fi
PGBIN="$(pg_bindir)"
# the admin peer parses the e-mail templates at start even with mail off; they ship in the module's source
VERSION="$(cat "$BIN/storj-satellite.version" 2>/dev/null)"
EMAILS="$ROOT/.cache/gomod/storj.io/storj@$VERSION/web/satellite/static/emails"
[[ -d "$EMAILS" ]] || die "$EMAILS is missing: run test/support/storj/build.sh"

# PostgreSQL refuses to run as root: as root, run it as Debian's 'postgres' system user
PG_AS=()
if [[ $(id -u) -eq 0 ]]; then
  id postgres >/dev/null 2>&1 || die "running as root but there is no 'postgres' user to run PostgreSQL as"
  PG_AS=(runuser -u postgres --)
fi

# ------------------------------------------------------------- ports
ADMIN_PORT="${STORJ_ADMIN_PORT:-$(free_port)}"
PG_PORT="${STORJ_PG_PORT:-$(free_port)}"
[[ "$ADMIN_PORT" != "$PG_PORT" ]] || PG_PORT="$(free_port)"
for port in "$ADMIN_PORT" "$PG_PORT"; do
  port_busy "$port" && die "127.0.0.1:$port is already in use (set STORJ_ADMIN_PORT / STORJ_PG_PORT)"
done

mkdir -p "$STORJ_DIR" "$RUN" "$LOG" "$STORJ_DIR/pg" "$STORJ_DIR/config"
touch "$MARKER"
chmod 755 "$STORJ_DIR"
echo "$SETTINGS" >"$STORJ_DIR/settings"
if [[ ${#PG_AS[@]} -gt 0 ]]; then
  touch "$LOG/postgresql.log"
  chown postgres: "$STORJ_DIR/pg" "$LOG/postgresql.log"
fi

# ------------------------------------------------------------- PostgreSQL
"${PG_AS[@]}" "$PGBIN/initdb" -D "$PGDATA" -A trust -U storj -E UTF8 --locale=C --no-sync >"$LOG/initdb.log" 2>&1 \
  || { cat "$LOG/initdb.log" >&2; die "initdb failed"; }
log "initdb: ok"
# a throw-away cluster: no durability, sockets in its own dir, TCP on loopback only
STARTED=1
# (9>&-: the daemons must not inherit the lock's descriptor, or they would hold the lock for their lifetime)
"${PG_AS[@]}" timeout "$STORJ_START_TIMEOUT" "$PGBIN/pg_ctl" -D "$PGDATA" -l "$LOG/postgresql.log" -w -t "$STORJ_START_TIMEOUT" \
  -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -c unix_socket_directories=$STORJ_DIR/pg -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100" \
  start >/dev/null 9>&- || die "PostgreSQL did not start within ${STORJ_START_TIMEOUT}s"
head -n 1 "$PGDATA/postmaster.pid" >"$RUN/postgres.pid"
PSQL=(timeout "$STORJ_START_TIMEOUT" psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U storj)
"${PSQL[@]}" -d postgres -c 'CREATE DATABASE satellite' -c 'CREATE DATABASE metainfo' >&2 || die "could not create the databases"
log "PostgreSQL on 127.0.0.1:$PG_PORT: ok"
SATELLITE_DB="postgres://storj@127.0.0.1:$PG_PORT/satellite?sslmode=disable"
METAINFO_DB="postgres://storj@127.0.0.1:$PG_PORT/metainfo?sslmode=disable"

# ------------------------------------------------------------- identity
timeout "$STORJ_START_TIMEOUT" "$BIN/identity" create satellite --identity-dir "$STORJ_DIR/identity" --config-dir "$STORJ_DIR/config" \
  --difficulty 0 --concurrency 1 >"$LOG/identity.log" 2>&1 || { cat "$LOG/identity.log" >&2; die "identity create failed"; }
log "identity: ok"

# ------------------------------------------------------------- satellite
# flags shared by the migration and the admin peer; everything that would reach out of the machine is off
COMMON=(
  --config-dir "$STORJ_DIR/config"
  --identity-dir "$STORJ_DIR/identity/satellite"
  --defaults release
  --database "$SATELLITE_DB"
  --metainfo.database-url "$METAINFO_DB"
  --log.output stderr
  --log.level info
  --metrics.addr ""
  --metrics.event-addr ""
  --tracing.enabled=false
  --debug.addr ""
)
timeout "$STORJ_START_TIMEOUT" "$BIN/satellite" run migration "${COMMON[@]}" >"$LOG/migration.log" 2>&1 \
  || die "satellite run migration failed (or took more than ${STORJ_START_TIMEOUT}s)"
log "satellite migration: ok"

setsid "$BIN/satellite" run admin "${COMMON[@]}" \
  --console.auth-token "$STORJ_ADMIN_TOKEN" \
  --admin.address "127.0.0.1:$ADMIN_PORT" \
  --live-accounting.storage-backend noop \
  --version.server-address "http://127.0.0.1:1" \
  --version.request-timeout 2s \
  --version.check-interval 24h \
  --mail.auth-type nomail \
  --mail.template-path "$EMAILS" \
  --payments.provider "" \
  </dev/null >"$LOG/satellite-admin.log" 2>&1 9>&- &
echo $! >"$RUN/satellite-admin.pid"
SAT_PID=$!

deadline=$(( $(date +%s) + STORJ_START_TIMEOUT ))
PREFIX=""
while :; do
  kill -0 "$SAT_PID" 2>/dev/null || die "satellite run admin exited early"
  # an unknown e-mail answers 404 (JSON) on the path the legacy admin API is served under
  if [[ "$(admin_status /legacy/api)" == "404 json" ]]; then PREFIX=/legacy/api; break; fi
  if [[ "$(admin_status /api)" == "404 json" ]]; then PREFIX=/api; break; fi
  (( $(date +%s) < deadline )) || die "the satellite admin API did not answer on 127.0.0.1:$ADMIN_PORT within ${STORJ_START_TIMEOUT}s"
  sleep 0.2
done
log "satellite admin API on 127.0.0.1:$ADMIN_PORT$PREFIX: ok"

cat >"$STORJ_DIR/env" <<EOF
export STORJ_ADMIN_ENDPOINT='http://127.0.0.1:$ADMIN_PORT'
export STORJ_ADMIN_PATH_PREFIX='$PREFIX'
export STORJ_ADMIN_TOKEN='$STORJ_ADMIN_TOKEN'
export STORJ_ADMIN_PORT='$ADMIN_PORT'
export STORJ_SATELLITE_VERSION='$VERSION'
export STORJ_SATELLITE_DB='$SATELLITE_DB'
export STORJ_METAINFO_DB='$METAINFO_DB'
export STORJ_SATELLITE_PID='$SAT_PID'
export STORJ_DIR='$STORJ_DIR'
EOF
log "satellite ready in $(elapsed)s; env written to $STORJ_DIR/env"
cat "$STORJ_DIR/env"

#!/usr/bin/env bash
# Starts or stops the RabbitMQ and PostgreSQL instances the integration tests use when no services were given
# and no Docker engine answers (README, "Tests"). Both run on loopback, on their own ports and data folders under
# .test-services/, so they never touch a system instance and can be started and stopped any number of times.
#
#   tests/services.sh start   install (apt, when root) if missing, start, wait until they accept connections,
#                             then print the environment variables the tests read (eval-able)
#   tests/services.sh stop    stop what start started and remove its data
#   tests/services.sh restart rabbitmq|postgres [--abrupt]
#                             stop one service that start started and start it again on the same data: quorum
#                             queue contents and the database survive. --abrupt kills it with SIGKILL instead of
#                             stopping it cleanly (the soak test, tests/soak.sh, uses both).
#
# Ports, the data folder and the RabbitMQ node name come from ISSUESYNC_PG_PORT, ISSUESYNC_AMQP_PORT,
# ISSUESYNC_RABBIT_DIST_PORT, ISSUESYNC_SERVICES_DIR and ISSUESYNC_RABBIT_NODE, so two sets can run at once.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE="${ISSUESYNC_SERVICES_DIR:-$ROOT/.test-services}"
PG_PORT="${ISSUESYNC_PG_PORT:-54329}"
AMQP_PORT="${ISSUESYNC_AMQP_PORT:-56720}"
DIST_PORT="${ISSUESYNC_RABBIT_DIST_PORT:-56721}"
RABBIT_NODE="${ISSUESYNC_RABBIT_NODE:-issuesync-test@localhost}"

log() { echo "[services] $*" >&2; }
die() { echo "[services] error: $*" >&2; exit 1; }
is_root() { [ "$(id -u)" = 0 ]; }

# Runs a command as the given system user when we are root (PostgreSQL refuses to run as root), else as ourselves.
as_user() {
  local user="$1"; shift
  if is_root; then runuser -u "$user" -- "$@"; else "$@"; fi
}

pg_bin() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/pg_ctl" ] && { echo "$dir"; return 0; }
  done
  return 1
}

install_missing() {
  local packages=()
  pg_bin >/dev/null || packages+=(postgresql)
  [ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || packages+=(rabbitmq-server)
  [ ${#packages[@]} -eq 0 ] && return 0
  is_root || die "missing ${packages[*]}: install them (apt-get install ${packages[*]}), or set ISSUESYNC_TEST_RABBITMQ and ISSUESYNC_TEST_POSTGRES"
  log "installing ${packages[*]} with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  # policy-rc.d keeps the packages from starting their system-wide services: we start our own instances.
  local policy=/usr/sbin/policy-rc.d created_policy=0
  if [ ! -e "$policy" ]; then printf '#!/bin/sh\nexit 101\n' > "$policy"; chmod +x "$policy"; created_policy=1; fi
  apt-get install -y -qq --no-install-recommends "${packages[@]}" >&2
  [ "$created_policy" = 1 ] && rm -f "$policy"
  return 0
}

wait_for() {
  local what="$1" seconds="$2"; shift 2
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    [ $SECONDS -lt $deadline ] || return 1
    sleep 1
  done
  log "$what is ready"
}

start_postgres() {
  local bin data="$STATE/postgres"
  bin="$(pg_bin)" || die "PostgreSQL binaries not found"
  if [ -f "$data/postmaster.pid" ] && as_user postgres "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    log "PostgreSQL already running on port $PG_PORT"; return 0
  fi
  rm -rf "$data"; mkdir -p "$data"
  is_root && chown postgres:postgres "$data"
  chmod 700 "$data"
  as_user postgres "$bin/initdb" -D "$data" -U postgres -A trust -E UTF8 --no-locale >"$STATE/postgres-initdb.log" 2>&1 \
    || { cat "$STATE/postgres-initdb.log" >&2; die "initdb failed"; }
  launch_postgres
}

# Starts the server on the data folder as it is (a fresh one from start, or the kept one on restart).
launch_postgres() {
  local bin data="$STATE/postgres"
  bin="$(pg_bin)" || die "PostgreSQL binaries not found"
  # Tests trade durability for speed (fsync off). The soak kills PostgreSQL and must keep what was committed, as a
  # real server does: ISSUESYNC_PG_DURABLE=1 leaves the durability settings at their defaults.
  local durability="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  [ "${ISSUESYNC_PG_DURABLE:-0}" = 1 ] && durability=""
  as_user postgres "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $data -c max_connections=300 $durability" \
    start >&2 || { cat "$data/server.log" >&2; die "PostgreSQL did not start"; }
  wait_for "PostgreSQL" 60 "$bin/pg_isready" -h 127.0.0.1 -p "$PG_PORT" || die "PostgreSQL is not accepting connections"
}

# Stops the server and keeps its data. --abrupt: SIGKILL to the postmaster and every backend (a crash; the next
# start runs crash recovery).
stop_postgres() {
  local mode="${1:-}" bin data="$STATE/postgres" pid
  bin="$(pg_bin)" || die "PostgreSQL binaries not found"
  if [ "$mode" = --abrupt ]; then
    pid="$(head -1 "$data/postmaster.pid" 2>/dev/null)" || die "PostgreSQL is not running from $data (no postmaster.pid)"
    log "killing PostgreSQL (SIGKILL to postmaster $pid and its backends)"
    kill -KILL "$pid" $(pgrep -P "$pid") 2>/dev/null || true
    local deadline=$((SECONDS + 30))
    while kill -0 "$pid" 2>/dev/null || pgrep -P "$pid" >/dev/null; do
      [ $SECONDS -lt $deadline ] || die "PostgreSQL processes survived SIGKILL"
      sleep 0.2
    done
  else
    as_user postgres "$bin/pg_ctl" -D "$data" -m fast -w stop >&2 || die "PostgreSQL did not stop"
  fi
}

# Runs a RabbitMQ tool (rabbitmq-server, rabbitmqctl) against our private node, as the rabbitmq user when root.
rabbit() {
  local tool="$1"; shift
  local dir="$STATE/rabbitmq"
  as_user rabbitmq env HOME="$dir" RABBITMQ_NODENAME="$RABBIT_NODE" RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 \
    RABBITMQ_NODE_PORT="$AMQP_PORT" RABBITMQ_DIST_PORT="$DIST_PORT" RABBITMQ_MNESIA_BASE="$dir/mnesia" \
    RABBITMQ_LOG_BASE="$dir/log" RABBITMQ_CONFIG_FILE="$dir/rabbitmq" RABBITMQ_ENABLED_PLUGINS_FILE="$dir/enabled_plugins" \
    RABBITMQ_PID_FILE="$dir/rabbit.pid" RABBITMQ_ADVANCED_CONFIG_FILE="$dir/advanced.config" \
    "/usr/lib/rabbitmq/bin/$tool" "$@"
}

start_rabbitmq() {
  local dir="$STATE/rabbitmq"
  if [ -f "$dir/rabbit.pid" ] && rabbit rabbitmqctl -q -n "$RABBIT_NODE" status >/dev/null 2>&1; then
    log "RabbitMQ already running on port $AMQP_PORT"; return 0
  fi
  rm -rf "$dir"; mkdir -p "$dir/mnesia" "$dir/log"
  cat > "$dir/rabbitmq.conf" <<CONF
listeners.tcp.default = 127.0.0.1:$AMQP_PORT
loopback_users = none
vm_memory_high_watermark.relative = 0.2
disk_free_limit.absolute = 50MB
log.console = false
log.file.level = warning
# Refuse oversize publishes at the broker (the worker refuses anything over IssueSync:MaxMessageBytes itself,
# before deserializing). 32 MiB here so the tests can show the worker staying small under a 20 MB message.
max_message_size = 33554432
CONF
  echo "[]." > "$dir/enabled_plugins"
  echo "[]." > "$dir/advanced.config"
  is_root && chown -R rabbitmq:rabbitmq "$dir"
  launch_rabbitmq
}

# Starts the node on its folder as it is (fresh from start, or with its queues on restart).
launch_rabbitmq() {
  local dir="$STATE/rabbitmq"
  log "starting RabbitMQ node $RABBIT_NODE on 127.0.0.1:$AMQP_PORT"
  rabbit rabbitmq-server -detached >&2
  wait_for "RabbitMQ" 120 rabbit rabbitmqctl -q -n "$RABBIT_NODE" await_startup --timeout 5 \
    || { tail -50 "$dir"/log/*.log >&2 || true; die "RabbitMQ did not start"; }
}

# Stops the node and keeps its data. --abrupt: SIGKILL to the Erlang VM.
stop_rabbitmq() {
  local mode="${1:-}" dir="$STATE/rabbitmq" pid
  pid="$(cat "$dir/rabbit.pid" 2>/dev/null)" || die "RabbitMQ is not running from $dir (no rabbit.pid)"
  if [ "$mode" = --abrupt ]; then
    log "killing RabbitMQ (SIGKILL to the Erlang VM, pid $pid)"
    kill -KILL "$pid" 2>/dev/null || true
  else
    rabbit rabbitmqctl -q -n "$RABBIT_NODE" stop >&2 || die "RabbitMQ did not stop"
  fi
  local deadline=$((SECONDS + 60))
  while kill -0 "$pid" 2>/dev/null; do
    [ $SECONDS -lt $deadline ] || die "RabbitMQ (pid $pid) did not exit"
    sleep 0.2
  done
}

restart_service() {
  local service="${1:-}" mode="${2:-}"
  [ -z "$mode" ] || [ "$mode" = --abrupt ] || die "unknown option '$mode' (only --abrupt)"
  case "$service" in
    postgres)
      [ -d "$STATE/postgres" ] || die "no PostgreSQL started by this script in $STATE: run '$0 start' first"
      stop_postgres "$mode"; launch_postgres ;;
    rabbitmq)
      [ -d "$STATE/rabbitmq" ] || die "no RabbitMQ started by this script in $STATE: run '$0 start' first"
      stop_rabbitmq "$mode"; launch_rabbitmq ;;
    *) die "restart what? usage: $0 restart rabbitmq|postgres [--abrupt]" ;;
  esac
  log "$service restarted${mode:+ ($mode)}"
}

stop_all() {
  local bin
  if [ -d "$STATE/rabbitmq" ]; then
    rabbit rabbitmqctl -q -n "$RABBIT_NODE" stop >/dev/null 2>&1 || true
    if [ -f "$STATE/rabbitmq/rabbit.pid" ]; then kill "$(cat "$STATE/rabbitmq/rabbit.pid")" 2>/dev/null || true; fi
    log "RabbitMQ stopped"
  fi
  if [ -d "$STATE/postgres" ] && bin="$(pg_bin)"; then
    as_user postgres "$bin/pg_ctl" -D "$STATE/postgres" -m fast -w stop >/dev/null 2>&1 || true
    log "PostgreSQL stopped"
  fi
  rm -rf "$STATE"
}

case "${1:-}" in
  start)
    mkdir -p "$STATE"
    is_root && chmod 755 "$STATE"
    install_missing
    start_postgres
    start_rabbitmq
    echo "export ISSUESYNC_TEST_POSTGRES='Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Password=postgres'"
    echo "export ISSUESYNC_TEST_RABBITMQ='amqp://guest:guest@127.0.0.1:$AMQP_PORT/'"
    ;;
  stop) stop_all ;;
  restart) shift; restart_service "$@" ;;
  *) echo "usage: $0 start|stop|restart rabbitmq|postgres [--abrupt]" >&2; exit 2 ;;
esac

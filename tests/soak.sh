#!/usr/bin/env bash
# The soak (issue 11): the Jira simulator and 3 worker processes on real RabbitMQ and PostgreSQL, thousands of raw
# JSON commands (some invalid, some published twice) while workers are SIGKILLed, the broker and the database
# restart, Jira fails, loses responses and rate-limits, and one account's grant is revoked and reconnected. The
# verdict comes from the outside (simulator, database, queues, events on the bus, logs). See tests/soak/README.md.
#
#   tests/soak.sh [--quick | --full] [--commands N] [--seed S] [more options of IssueSync.Soak]
#
# It starts its own RabbitMQ and PostgreSQL with tests/services.sh, on ports and a state folder of its own
# (ISSUESYNC_SOAK_PG_PORT, ISSUESYNC_SOAK_AMQP_PORT, ISSUESYNC_SOAK_DIST_PORT; artifacts/soak/services), so it
# may restart them and never collides with a test run. When ISSUESYNC_TEST_RABBITMQ and ISSUESYNC_TEST_POSTGRES
# are both set it uses those instead, and the broker/database restarts cannot happen (the run says so and fails).
# Exit status 0 only when the last line ends in "ok".
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

args=("$@")
seed_given=0
for arg in "$@"; do [ "$arg" = --seed ] && seed_given=1; done
if [ "$seed_given" = 0 ]; then
  args+=(--seed "$(( (RANDOM << 15 | RANDOM) % 999999 + 1 ))")
fi

echo "[soak] building the worker, the simulator and the soak (Release)"
dotnet build src/IssueSync.Worker -c Release --nologo -v q -clp:ErrorsOnly
dotnet build tests/IssueSync.Soak -c Release --nologo -v q -clp:ErrorsOnly

started_services=0
cleanup() {
  if [ "$started_services" = 1 ]; then bash "$ROOT/tests/services.sh" stop >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT

if [ -n "${ISSUESYNC_TEST_RABBITMQ:-}" ] && [ -n "${ISSUESYNC_TEST_POSTGRES:-}" ]; then
  echo "[soak] using RabbitMQ and PostgreSQL from ISSUESYNC_TEST_RABBITMQ / ISSUESYNC_TEST_POSTGRES: they cannot be restarted"
else
  export ISSUESYNC_SERVICES_DIR="$ROOT/artifacts/soak/services"
  export ISSUESYNC_PG_PORT="${ISSUESYNC_SOAK_PG_PORT:-54339}"
  export ISSUESYNC_AMQP_PORT="${ISSUESYNC_SOAK_AMQP_PORT:-56730}"
  export ISSUESYNC_RABBIT_DIST_PORT="${ISSUESYNC_SOAK_DIST_PORT:-56731}"
  export ISSUESYNC_RABBIT_NODE="issuesync-soak@localhost"
  # PostgreSQL is killed during the run: it must keep what it committed, as a production server does.
  export ISSUESYNC_PG_DURABLE=1
  echo "[soak] starting RabbitMQ (port $ISSUESYNC_AMQP_PORT) and PostgreSQL (port $ISSUESYNC_PG_PORT) in $ISSUESYNC_SERVICES_DIR"
  bash tests/services.sh stop >/dev/null 2>&1 || true
  started_services=1
  eval "$(bash tests/services.sh start)"
  args+=(--services-script "$ROOT/tests/services.sh")
fi

set +e
dotnet "$ROOT/artifacts/bin/IssueSync.Soak/release/IssueSync.Soak.dll" "${args[@]}"
status=$?
set -e
exit $status

#!/usr/bin/env bash
# The benchmark (issue 12): the Jira simulator and every worker replica as their own processes on real RabbitMQ and
# PostgreSQL, accounts connected through the OAuth flow, raw JSON commands over several connections and sites; in
# the same run the ceiling (a no-op MassTransit consumer) and the baseline (the naive per-message recipe). Prints a
# table; --json writes the numbers. See the README ("Benchmark") and bench/REPORT.md.
#
#   bench/run.sh --scenario pipeline|latency|pacing|tokens|all [--json FILE] [--commands N] [--concurrency C]
#
# RabbitMQ and PostgreSQL: ISSUESYNC_TEST_RABBITMQ / ISSUESYNC_TEST_POSTGRES when both are set, otherwise
# tests/services.sh starts its own (as the tests do) and stops them at the end.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

echo "[bench] building the worker, the simulator and the benchmark (Release)"
dotnet build src/IssueSync.Worker -c Release --nologo -v q -clp:ErrorsOnly
dotnet build bench/IssueSync.Benchmarks -c Release --nologo -v q -clp:ErrorsOnly

started_services=0
cleanup() {
  if [ "$started_services" = 1 ]; then bash "$ROOT/tests/services.sh" stop >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT

if [ -n "${ISSUESYNC_TEST_RABBITMQ:-}" ] && [ -n "${ISSUESYNC_TEST_POSTGRES:-}" ]; then
  echo "[bench] using RabbitMQ and PostgreSQL from ISSUESYNC_TEST_RABBITMQ / ISSUESYNC_TEST_POSTGRES"
else
  export ISSUESYNC_SERVICES_DIR="$ROOT/artifacts/bench/services"
  export ISSUESYNC_PG_PORT="${ISSUESYNC_BENCH_PG_PORT:-54349}"
  export ISSUESYNC_AMQP_PORT="${ISSUESYNC_BENCH_AMQP_PORT:-56740}"
  export ISSUESYNC_RABBIT_DIST_PORT="${ISSUESYNC_BENCH_DIST_PORT:-56741}"
  export ISSUESYNC_RABBIT_NODE="issuesync-bench@localhost"
  echo "[bench] starting RabbitMQ (port $ISSUESYNC_AMQP_PORT) and PostgreSQL (port $ISSUESYNC_PG_PORT) in $ISSUESYNC_SERVICES_DIR"
  bash tests/services.sh stop >/dev/null 2>&1 || true
  started_services=1
  eval "$(bash tests/services.sh start)"
fi

set +e
dotnet "$ROOT/artifacts/bin/IssueSync.Benchmarks/release/IssueSync.Benchmarks.dll" "$@"
status=$?
set -e
exit $status

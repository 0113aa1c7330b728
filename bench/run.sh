#!/usr/bin/env bash
# Runs the end-to-end benchmark against real RabbitMQ and PostgreSQL (from the environment, or started locally
# by tests/services.sh like the test command) and prints throughput, latency, Jira calls per issue and memory.
#   bench/run.sh [--commands 1000] [--replicas 2] [--concurrency 16] [--latency-ms 150] [--connections 4] [--token-lifetime-s 3600]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
started=0
cleanup() { if [ "$started" = 1 ]; then bash "$ROOT/tests/services.sh" stop || true; fi; }
trap cleanup EXIT
if [ -z "${ISSUESYNC_TEST_RABBITMQ:-}" ] || [ -z "${ISSUESYNC_TEST_POSTGRES:-}" ]; then
  started=1
  eval "$(bash "$ROOT/tests/services.sh" start)"
fi
dotnet run -c Release --project "$ROOT/bench/IssueSync.Benchmarks" -- "$@"

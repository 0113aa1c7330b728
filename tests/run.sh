#!/usr/bin/env bash
# The one test command (README, .ci/run). Builds the solution and runs every test project against real
# RabbitMQ and PostgreSQL, found in this order (README, "Tests"):
#   1. ISSUESYNC_TEST_RABBITMQ (amqp URI) and ISSUESYNC_TEST_POSTGRES (Npgsql connection string), when both are set;
#   2. Testcontainers, when a Docker engine answers;
#   3. Debian's rabbitmq-server and PostgreSQL on loopback, installed with apt when missing (root) and started by
#      tests/services.sh, then stopped again when the run ends.
# Extra arguments go to `dotnet test` (Microsoft.Testing.Platform; for example: tests/run.sh --filter-class "*Migration*").
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
RESULTS="$ROOT/artifacts/test-results"
started_services=0
start_time=$SECONDS

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

cleanup() {
  if [ "$started_services" = 1 ]; then bash "$ROOT/tests/services.sh" stop || true; fi
}
trap cleanup EXIT

if [ -n "${ISSUESYNC_TEST_RABBITMQ:-}" ] && [ -n "${ISSUESYNC_TEST_POSTGRES:-}" ]; then
  echo "[run] using RabbitMQ and PostgreSQL from ISSUESYNC_TEST_RABBITMQ / ISSUESYNC_TEST_POSTGRES"
elif command -v docker >/dev/null 2>&1 && timeout 10 docker info >/dev/null 2>&1; then
  echo "[run] a Docker engine answers: the tests start RabbitMQ and PostgreSQL with Testcontainers"
  export ISSUESYNC_TEST_CONTAINERS=true
else
  echo "[run] no services given and no Docker engine: starting local RabbitMQ and PostgreSQL"
  started_services=1
  eval "$(bash "$ROOT/tests/services.sh" start)"
fi

command -v dotnet >/dev/null 2>&1 || { echo "[run] error: the .NET SDK (dotnet) is not on PATH" >&2; exit 1; }

# The console's browser tests drive Debian's Chromium; Playwright downloads no browser.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "[run] installing Debian's chromium for the console's browser tests"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
  else
    echo "[run] error: /usr/bin/chromium is missing; install it (apt-get install chromium) for the console's browser tests" >&2; exit 1
  fi
fi
dotnet tool restore >/dev/null
dotnet build IssueSync.sln -c Release --nologo -v q -clp:ErrorsOnly

# Deployment files (Dockerfiles, docker-compose, Kustomize + KEDA) validated offline; fails the run if invalid.
deploy_status=0
bash "$ROOT/eng/validate-deploy.sh" || deploy_status=$?

rm -rf "$RESULTS"
mkdir -p "$RESULTS"
set +e
dotnet test --solution IssueSync.sln -c Release --no-build --report-xunit-trx --results-directory "$RESULTS" "$@" 2>&1 | tee "$RESULTS/dotnet-test.log"
status=${PIPESTATUS[0]}
set -e

# One summary line over all test projects, from the test platform's own run summary (the TRX files are kept for
# tools, but two assemblies that start in the same instant can write the same TRX name, so they undercount).
summary() { grep -E "^  $1: [0-9]+$" "$RESULTS/dotnet-test.log" | tail -1 | grep -oE '[0-9]+' || echo 0; }
total=$(summary total); passed=$(summary succeeded); failed=$(summary failed); skipped=$(summary skipped)
echo
echo "[run] finished in $((SECONDS - start_time)) s"
echo "tests: $passed passed, $failed failed, $skipped skipped"
if [ "$total" -eq 0 ]; then echo "[run] error: no test ran" >&2; exit 1; fi
if [ "$skipped" -ne 0 ]; then echo "[run] error: $skipped tests were skipped; nothing may be skipped" >&2; exit 1; fi
if [ "$deploy_status" -ne 0 ]; then echo "[run] error: the deployment files are not valid (eng/validate-deploy.sh)" >&2; exit "$deploy_status"; fi
exit $status

#!/usr/bin/env bash
# Validates the deployment files without a Docker engine and without a cluster:
#   1. Dockerfiles: every COPY source exists and the restore layer copies every project the image builds from;
#   2. docker-compose.yml (and the PostgreSQL override) with `docker-compose config` (Debian's docker-compose
#      1.29 validates offline; installed with apt-get when missing and running as root);
#   3. deploy/: each kustomization rendered by `kubectl kustomize` (kubectl's built-in Kustomize v5), every object
#      validated against the Kubernetes and KEDA schemas (npm kubernetes-models) and the deployment policy (probes,
#      shutdown budget, security context, KEDA trigger, no secret values);
#   4. self-test: the broken fixtures in deploy/validate/fixtures must all be rejected.
#
# Usage: eng/validate-deploy.sh              all of the above
#        eng/validate-deploy.sh --self-test  step 4 only
# Needs: node >= 20 and npm (the npm registry, once, for deploy/validate/node_modules), and kubectl with Kustomize v5
# (kubectl >= 1.27; the build machines' image has kubectl v1.32 with Kustomize v5.5.0). KUSTOMIZE_CMD="kustomize build"
# uses a standalone Kustomize v5 instead. Idempotent.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
VALIDATE_DIR="deploy/validate"
FIXTURES="$VALIDATE_DIR/fixtures"
OUT_DIR="artifacts/deploy-validate"
START=$(date +%s)
MODE="all"
case "${1:-}" in
  "") ;;
  --self-test) MODE="self-test" ;;
  -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
  *) echo "validate-deploy: unknown argument '$1' (use --self-test or nothing)" >&2; exit 2 ;;
esac

fail() { echo "validate-deploy: FAILED — $*" >&2; exit 1; }
step() { echo; echo "== $*"; }

# --- tools ------------------------------------------------------------------------------------------------
command -v node >/dev/null || fail "node is required (Debian: apt-get install nodejs npm)"
command -v npm >/dev/null || fail "npm is required (Debian: apt-get install npm)"
NODE_MAJOR=$(node -p 'process.versions.node.split(".")[0]')
[ "$NODE_MAJOR" -ge 20 ] || fail "node >= 20 is required (found $(node --version))"

# npm packages: reinstalled only when package-lock.json changed (stamp inside node_modules).
LOCK_SUM=$(sha256sum "$VALIDATE_DIR/package-lock.json" | cut -d' ' -f1)
STAMP="$VALIDATE_DIR/node_modules/.issuesync-lock.sha256"
if [ ! -f "$STAMP" ] || [ "$(cat "$STAMP")" != "$LOCK_SUM" ]; then
  step "npm ci ($VALIDATE_DIR)"
  npm ci --prefix "$VALIDATE_DIR" --no-audit --no-fund --loglevel=error
  echo "$LOCK_SUM" > "$STAMP"
fi

# Kustomize: kubectl's built-in one (or $KUSTOMIZE_CMD). It cannot be installed from here: Debian's only kubectl
# (kubernetes-client, kubectl 1.20 with Kustomize v2) is too old for these kustomizations, and nothing else can be downloaded.
KUSTOMIZE_HELP="install kubectl >= 1.27 (it has Kustomize v5 built in) from the Kubernetes project's or your cloud SDK's package repository, as the build machines' image has it (kubectl v1.32, Kustomize v5.5.0), or point KUSTOMIZE_CMD at a Kustomize v5 binary (KUSTOMIZE_CMD=\"kustomize build\"); Debian's kubernetes-client package (kubectl 1.20, Kustomize v2) is too old"
if [ -n "${KUSTOMIZE_CMD:-}" ]; then
  command -v "${KUSTOMIZE_CMD%% *}" >/dev/null || fail "KUSTOMIZE_CMD='$KUSTOMIZE_CMD': ${KUSTOMIZE_CMD%% *} is not installed"
  KUSTOMIZE_LABEL="$KUSTOMIZE_CMD"
else
  command -v kubectl >/dev/null || fail "kubectl is required to render the Kustomize overlays: $KUSTOMIZE_HELP"
  KUSTOMIZE_VERSION=$(kubectl version --client 2>/dev/null | sed -n 's/^Kustomize Version: v\{0,1\}//p')
  case "$KUSTOMIZE_VERSION" in
    [5-9].*|[1-9][0-9].*) ;;
    *) fail "kubectl's Kustomize is '${KUSTOMIZE_VERSION:-unknown}', v5 or newer is required: $KUSTOMIZE_HELP" ;;
  esac
  KUSTOMIZE_LABEL="kubectl kustomize (Kustomize v$KUSTOMIZE_VERSION)"
fi

COMPOSE=()
find_compose() {
  if command -v docker-compose >/dev/null; then COMPOSE=(docker-compose); return 0; fi
  if docker compose version >/dev/null 2>&1; then COMPOSE=(docker compose); return 0; fi
  return 1
}
if ! find_compose; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    step "apt-get install docker-compose"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -qq docker-compose >/dev/null 2>&1 \
      || { apt-get update -qq >/dev/null && apt-get install -y -qq docker-compose >/dev/null; } \
      || fail "could not install Debian's docker-compose"
    find_compose || fail "docker-compose still not found after installing it"
  else
    fail "docker-compose is required: apt-get install docker-compose (as root), or a docker compose plugin"
  fi
fi

# --- self-test: broken files must be rejected ---------------------------------------------------------------
self_test() {
  step "self-test: broken fixtures must be rejected"
  local broken=()
  for f in "$FIXTURES"/broken-*; do
    case "$f" in *.yml) ;; *) broken+=("$f") ;; esac   # *.yml are compose fixtures
  done
  [ "${#broken[@]}" -gt 0 ] || fail "no fixtures in $FIXTURES"
  node "$VALIDATE_DIR/validate.mjs" --expect-fail "${broken[@]}" || fail "a broken manifest was accepted"
  local n=0
  for f in "$FIXTURES"/broken-*.yml; do
    if "${COMPOSE[@]}" -f "$f" config -q >/dev/null 2>&1; then fail "${COMPOSE[*]} config accepted $f"; fi
    echo "ok   $f: rejected by ${COMPOSE[*]} config as expected"
    n=$((n + 1))
  done
  [ "$n" -gt 0 ] || fail "no compose fixtures in $FIXTURES"
  SELF_TESTED=$(( ${#broken[@]} + n ))
}

if [ "$MODE" = "self-test" ]; then
  self_test
  echo
  echo "validate-deploy: OK — self-test: $SELF_TESTED broken fixtures rejected ($(( $(date +%s) - START )) s)"
  exit 0
fi

# --- 1. Dockerfiles ------------------------------------------------------------------------------------------
step "Dockerfiles"
DOCKERFILES=(src/IssueSync.Worker/Dockerfile src/IssueSync.JiraSimulator/Dockerfile)
project_closure() {   # the csproj and every ProjectReference it reaches, as paths from the root
  local todo=("$1") seen=() p dir ref
  while [ "${#todo[@]}" -gt 0 ]; do
    p="${todo[0]}"; todo=("${todo[@]:1}")
    case " ${seen[*]:-} " in *" $p "*) continue ;; esac
    seen+=("$p"); dir=$(dirname "$p")
    while IFS= read -r ref; do
      [ -n "$ref" ] && todo+=("$(realpath --relative-to="$ROOT" "$dir/${ref//\\//}")")
    done < <(sed -n 's/.*<ProjectReference[^>]*Include="\([^"]*\)".*/\1/p' "$p")
  done
  printf '%s\n' "${seen[@]}"
}
for df in "${DOCKERFILES[@]}"; do
  [ -f "$df" ] || fail "$df is missing"
  # COPY sources (build context = repository root) must exist.
  while read -r src; do
    [ -e "$src" ] || fail "$df: COPY source '$src' does not exist (the build context is the repository root)"
  done < <(grep -E '^COPY ' "$df" | grep -v -- '--from=' | sed -E 's/^COPY +//' | awk '{ for (i = 1; i < NF; i++) print $i }')
  grep -qE '^USER +\$APP_UID' "$df" || fail "$df: the final stage must run as the non-root app user (USER \$APP_UID)"
  grep -qE '^EXPOSE +8080' "$df" || fail "$df: EXPOSE 8080 is missing"
  # The restore layer copies every project of the image's reference closure.
  main=$(grep -oE 'dotnet publish [^ ]+\.csproj' "$df" | awk '{print $3}')
  [ -n "$main" ] || fail "$df: no 'dotnet publish <project>.csproj'"
  while read -r proj; do
    grep -qE "^COPY +$proj " "$df" || fail "$df: the restore layer does not copy $proj (a ProjectReference of $main)"
  done < <(project_closure "$main")
  echo "ok   $df: COPY sources exist, restore layer has $(project_closure "$main" | wc -l) project(s), non-root, port 8080"
done

# --- 2. docker compose ---------------------------------------------------------------------------------------
step "docker compose (${COMPOSE[*]} config, offline)"
compose_check() {
  local label="$1"; shift
  local services
  "${COMPOSE[@]}" "$@" config -q || fail "${COMPOSE[*]} $* config rejected $label"
  services=$("${COMPOSE[@]}" "$@" config --services | sort | tr '\n' ' ')
  for s in rabbitmq sqlserver migrations worker-1 worker-2 jira-simulator; do
    case " $services " in *" $s "*) ;; *) fail "$label: service $s is missing" ;; esac
  done
  echo "ok   $label: services ${services% }"
}
compose_check "docker-compose.yml" -f docker-compose.yml
compose_check "docker-compose.yml + deploy/compose/postgres.yml (profile postgres)" \
  -f docker-compose.yml -f deploy/compose/postgres.yml --profile postgres
PG_PROVIDER=$("${COMPOSE[@]}" -f docker-compose.yml -f deploy/compose/postgres.yml --profile postgres config \
  | grep -c 'Database__Provider: Postgres' || true)
[ "$PG_PROVIDER" -eq 3 ] || fail "the PostgreSQL override must switch migrations, worker-1 and worker-2 (found $PG_PROVIDER)"
echo "ok   postgres override switches migrations, worker-1 and worker-2 to Database__Provider=Postgres"

# --- 3. Kubernetes manifests ---------------------------------------------------------------------------------
step "Kubernetes manifests ($KUSTOMIZE_LABEL, kubernetes-models schemas, policy)"
node "$VALIDATE_DIR/validate.mjs" --out "$OUT_DIR" \
  deploy/base deploy/overlays/sqlserver deploy/overlays/postgres deploy/base/secret.example.yaml \
  || fail "invalid Kubernetes manifests (rendered copies in $OUT_DIR)"

# --- 4. self-test --------------------------------------------------------------------------------------------
self_test

echo
echo "validate-deploy: OK — 2 Dockerfiles, 2 compose configurations, 3 kustomizations + 1 Secret template" \
  "valid, $SELF_TESTED broken fixtures rejected ($(( $(date +%s) - START )) s)"

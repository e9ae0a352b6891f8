#!/usr/bin/env bash
# The Prometheus test against ./platform.sh (issue 19): a real Prometheus (Debian's) scrapes a platform
# that platform.sh started, with the scrape config and alert rules of ops/prometheus/.
#
#   scripts/ops/platform-prometheus-test.sh
#
# 1. promtool: the rules are valid (check rules) and fire where they should (test rules);
# 2. ./platform.sh start --no-build in a scratch copy of the scripts (its own .run/ and .data/), from the
#    built jars, with its own ports, runtime id and Redis database; platform.sh sets up the demo (the seed's
#    addons registered, the site "demo"), then this makes an execute call and widget renders;
# 3. ops/prometheus/platform.yml with those ports and 2 s scrapes (promtool check config), Prometheus
#    started on it, and scripts/ops/check-metrics.py: all four services scraped (with the service key
#    from .run/service-key), the seed's three metrics with their labels and buckets, the dashboard's and
#    the rules' metrics existing;
# 4. everything stopped and removed (the Redis database emptied).
# Needs: prometheus and promtool (Debian's prometheus package), redis-cli, the services' jars, the example
# images, and the machine's Redis (scripts/lib/provision.sh).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=scripts/lib/common.sh
source "$ROOT/scripts/lib/common.sh"

START="$(now_ms)"
MODULES=(addon-server addon-runtime widget-renderer api-gateway)
declare -A DEFAULT_PORT=([api-gateway]=8080 [addon-server]=8081 [addon-runtime]=8082 [widget-renderer]=8083)
SCRATCH="$(mktemp -d "${TMPDIR:-/tmp}/themepress-platform.XXXXXX")"
RUNTIME_ID="ci-platform-$$"
PROMETHEUS_PID=""
REDIS_DB=""

step() {
  STEP_START="$(now_ms)"
  log "platform Prometheus test: $*"
}
done_step() { info "($(elapsed_since "$STEP_START"))"; }
fail() { die "platform Prometheus test: $*"; }

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

redis_db() {
  REDISCLI_AUTH="$(redis_password)" timeout 5 redis-cli -h 127.0.0.1 -p "${THEMEPRESS_REDIS_PORT:-6379}" -n "$1" "${@:2}"
}

cleanup() {
  local rc=$?
  if ((rc != 0)); then
    warn "platform Prometheus test failed; the services' last log lines:"
    for module in "${MODULES[@]}"; do
      tail -n 30 "$SCRATCH/.run/logs/$module.log" >&2 2>/dev/null || true
    done
  fi
  [[ -n "$PROMETHEUS_PID" ]] && kill "$PROMETHEUS_PID" 2>/dev/null && wait "$PROMETHEUS_PID" 2>/dev/null
  [[ -x "$SCRATCH/platform.sh" ]] && bash "$SCRATCH/platform.sh" stop >/dev/null 2>&1
  docker ps -aq --filter "label=themepress.runtime=$RUNTIME_ID" | xargs -r docker rm -f >/dev/null 2>&1 || true
  [[ -n "$REDIS_DB" ]] && redis_db "$REDIS_DB" flushdb >/dev/null 2>&1
  rm -rf "$SCRATCH"
  exit "$rc"
}
trap cleanup EXIT

# --- 1. the rules --------------------------------------------------------------------------------
step "promtool check rules / test rules"
promtool check rules "$ROOT"/ops/prometheus/rules/*.yml >/dev/null || fail "promtool check rules failed: $(promtool check rules "$ROOT"/ops/prometheus/rules/*.yml 2>&1)"
promtool test rules "$ROOT/ops/prometheus/rules-tests.yml" >/dev/null 2>&1 || fail "promtool test rules failed: $(promtool test rules "$ROOT/ops/prometheus/rules-tests.yml" 2>&1)"
done_step

# --- 2. the platform -------------------------------------------------------------------------------
step "./platform.sh start --no-build (scratch copy, runtime id $RUNTIME_ID)"
cp "$ROOT/platform.sh" "$ROOT/pom.xml" "$SCRATCH/"
cp -r "$ROOT/scripts" "$ROOT/ops" "$SCRATCH/"
for example in payment-gateway inventory email-marketing; do
  mkdir -p "$SCRATCH/examples/$example"
  cp "$ROOT/examples/$example/manifest.json" "$SCRATCH/examples/$example/"
done
# Provisioning and the images are the test command's work (test.sh), done before this runs.
for stub in scripts/lib/provision.sh scripts/lib/images.sh examples/build-images.sh; do
  printf '#!/usr/bin/env bash\n# stubbed by scripts/ops/platform-prometheus-test.sh: provisioned before it runs\nexit 0\n' >"$SCRATCH/$stub"
done
for module in "${MODULES[@]}"; do
  jar="$ROOT/$module/target/$module-$THEMEPRESS_VERSION.jar"
  [[ -f "$jar" ]] || fail "$jar is missing: build the jars first (./mvnw -DskipTests package)"
  mkdir -p "$SCRATCH/$module/target"
  ln -s "$jar" "$SCRATCH/$module/target/"
done
declare -A PORT=()
for module in "${MODULES[@]}"; do
  PORT[$module]="$(free_port)"
  var="THEMEPRESS_PORT_${module//-/_}"
  export "${var^^}=${PORT[$module]}"
done
for db in $(shuf -i 1-15); do
  if [[ "$(redis_db "$db" dbsize)" == 0 ]]; then
    REDIS_DB="$db"
    break
  fi
done
[[ -n "$REDIS_DB" ]] || fail "no empty Redis database (1-15) on the machine's Redis"
# Spring reads these from the environment platform.sh passes on to the services.
export THEMEPRESS_RUNTIME_SANDBOX_RUNTIMEID="$RUNTIME_ID" SPRING_DATA_REDIS_DATABASE="$REDIS_DB"
unset THEMEPRESS_KEYS_ADMIN_KEY THEMEPRESS_SERVICE_KEY
bash "$SCRATCH/platform.sh" start --no-build >"$SCRATCH/start.out" 2>&1 || { tail -n 60 "$SCRATCH/start.out" >&2; fail "platform.sh start failed"; }
grep -q "/demo/?key=pk_demo_" "$SCRATCH/start.out" || { tail -n 40 "$SCRATCH/start.out" >&2; fail "platform.sh set up no demo site"; }
info "up, with the demo site (Redis database $REDIS_DB, gateway port ${PORT[api-gateway]})"
done_step

GATEWAY="http://127.0.0.1:${PORT[api-gateway]}"
step "the seed's calls through $GATEWAY"
payment="$(curl -sS -X POST "$GATEWAY/api/addons/payment-gateway/execute" -H 'Content-Type: application/json' \
  -d '{"action":"process-payment","data":{"amount":25,"currency":"EUR","method":"card"}}' -w ' %{http_code}')"
[[ "$payment" == *'"status":"approved"'*' 200' ]] || fail "the payment answered: $payment"
stock="$(curl -sS -H 'Accept: text/html' "$GATEWAY/api/widgets/inventory/stock-display?site=demo" -w ' %{http_code}')"
[[ "$stock" == *'<themepress-widget'*' 200' ]] || fail "the stock widget answered: ${stock:0:300}"
done_step

# --- 3. Prometheus -----------------------------------------------------------------------------------
step "Prometheus on ops/prometheus/platform.yml (these ports, 2 s scrapes)"
config="$SCRATCH/ops/prometheus/platform.yml"
for module in "${MODULES[@]}"; do
  sed -i "s/127\.0\.0\.1:${DEFAULT_PORT[$module]}\"/127.0.0.1:${PORT[$module]}\"/" "$config"
done
sed -i 's/^\(  *\)scrape_interval: 15s/\1scrape_interval: 2s/; s/^\(  *\)evaluation_interval: 15s/\1evaluation_interval: 2s/' "$config"
for module in "${MODULES[@]}"; do
  grep -q "127.0.0.1:${PORT[$module]}\"" "$config" || fail "ops/prometheus/platform.yml has no target 127.0.0.1:${DEFAULT_PORT[$module]} for $module"
done
promtool check config "$config" >/dev/null || fail "promtool check config: $(promtool check config "$config" 2>&1)"
prometheus_port="$(free_port)"
prometheus --config.file="$config" --storage.tsdb.path="$SCRATCH/prometheus-data" \
  --web.listen-address="127.0.0.1:$prometheus_port" >"$SCRATCH/prometheus.log" 2>&1 &
PROMETHEUS_PID=$!
python3 "$ROOT/scripts/ops/check-metrics.py" "http://127.0.0.1:$prometheus_port" "$ROOT" --wait 60 \
  || { tail -n 20 "$SCRATCH/prometheus.log" >&2; fail "Prometheus checks failed (above)"; }
done_step

log "platform Prometheus test passed in $(elapsed_since "$START")"

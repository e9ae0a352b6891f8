# shellcheck shell=bash
# The service chain the benchmarks start for themselves, on free loopback ports, from the modules' jars with
# platform.sh's JVM flags (scripts/lib/jvm-flags.sh), so that the figures are those of what ops run.
# Sourced only. The caller sets WORK (a scratch folder) and RUNTIME_ID, and calls chain_stop on exit.
#   chain_start [extra args for every service...]   Redis, runtime, addon-server, renderer, gateway (limits off)
#   chain_register_example NAME                      registers examples/NAME as the examples' developer
# It sets REDIS_PORT RUNTIME_PORT SERVER_PORT RENDERER_PORT GATEWAY_PORT, GW (the gateway's URL), ADMIN
# (the operator key) and PID_OF[service].
# shellcheck source=scripts/lib/common.sh
source "$THEMEPRESS_BENCH_ROOT/scripts/lib/common.sh"
# shellcheck source=scripts/lib/jvm-flags.sh
source "$THEMEPRESS_BENCH_ROOT/scripts/lib/jvm-flags.sh"
CHAIN_PIDS=()
declare -A PID_OF

bench_need() { command -v "$1" >/dev/null || { echo "missing $1: apt-get install -y $2" >&2; exit 1; }; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_http() {
  for _ in $(seq 1 240); do curl -fsS "$1" >/dev/null 2>&1 && return 0; sleep 0.5; done
  echo "not healthy: $1" >&2; exit 1
}

chain_jars() {
  local m
  for m in addon-server addon-runtime api-gateway widget-renderer; do
    ls "$THEMEPRESS_BENCH_ROOT/$m"/target/"$m"-*.jar >/dev/null 2>&1 || (cd "$THEMEPRESS_BENCH_ROOT" && ./mvnw -q -B -pl "$m" -am package -DskipTests)
  done
}

# start_jar NAME PORT args...: one service, with its JVM flags, until ready. CHAIN_JVM_EXTRA is added to every
# service's flags, CHAIN_JVM_EXTRA_<name with underscores> to one's (CHAIN_JVM_EXTRA_api_gateway="-Xmn48m").
start_jar() {
  local name=$1 port=$2; shift 2
  local own=() extra
  extra="CHAIN_JVM_EXTRA_${name//-/_}"
  read -r -a own <<<"$(service_jvm_opts "$name") ${CHAIN_JVM_EXTRA:-} ${!extra:-}"
  java "${JVM_OPTS[@]}" "${own[@]}" -jar "$THEMEPRESS_BENCH_ROOT/$name/target/$name-$THEMEPRESS_VERSION.jar" --server.port="$port" \
    --spring.main.banner-mode=off --spring.data.redis.host=127.0.0.1 --spring.data.redis.port="$REDIS_PORT" "$@" >"$WORK/$name.log" 2>&1 &
  CHAIN_PIDS+=($!)
  PID_OF[$name]=$!
  wait_http "http://127.0.0.1:$port/actuator/health/readiness"
}

chain_start() {
  REDIS_PORT=$(free_port); RUNTIME_PORT=$(free_port); SERVER_PORT=$(free_port); RENDERER_PORT=$(free_port); GATEWAY_PORT=$(free_port)
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --dir "$WORK" >"$WORK/redis.log" 2>&1 &
  CHAIN_PIDS+=($!)
  ADMIN=bench-admin-$$
  start_jar addon-runtime "$RUNTIME_PORT" --themepress.runtime.sandbox.runtime-id="$RUNTIME_ID" \
    --themepress.runtime.host-api.addon-server="http://127.0.0.1:$SERVER_PORT" "$@"
  start_jar addon-server "$SERVER_PORT" --themepress.storage.data-dir="$WORK/data" --themepress.keys.admin-key="$ADMIN" \
    --themepress.runtime-client.url="http://127.0.0.1:$RUNTIME_PORT" "$@"
  start_jar widget-renderer "$RENDERER_PORT" --themepress.upstreams.addon-server="http://127.0.0.1:$SERVER_PORT" \
    --themepress.runtime-client.url="http://127.0.0.1:$RUNTIME_PORT" "$@"
  # Rate limits off: every wrk connection is one caller (one address), which the default 100 a minute would answer 429.
  start_jar api-gateway "$GATEWAY_PORT" --themepress.services.addon-server="http://127.0.0.1:$SERVER_PORT" \
    --themepress.services.widget-renderer="http://127.0.0.1:$RENDERER_PORT" --themepress.rate-limit.enabled=false "$@"
  GW=http://127.0.0.1:$GATEWAY_PORT
}

chain_register_example() {
  local key
  # The example images belong to the examples' developer (themepress.images.namespaces.examples).
  key=$(curl -fsS -X POST "$GW/api/keys" -H "X-API-Key: $ADMIN" -H 'Content-Type: application/json' -d '{"developer":"examples"}' \
    | sed -E 's/.*"key":"([^"]+)".*/\1/')
  curl -fsS -o /dev/null -X POST "$GW/api/addons/register" -H "X-API-Key: $key" -H 'Content-Type: application/json' \
    --data-binary @"$THEMEPRESS_BENCH_ROOT/examples/$1/manifest.json"
}

chain_stop() {
  local pid
  for pid in "${CHAIN_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${CHAIN_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  CHAIN_PIDS=()
  docker ps -aq --filter "label=themepress.runtime=$RUNTIME_ID" | xargs -r docker rm -f >/dev/null 2>&1 || true
}

# measure LABEL URL [LUA]: untimed wrk slices of WARMUP_SLICE s for at least WARMUP_MIN s and until two in a
# row agree within 10% (at most WARMUP_MAX s; the JIT of the services on the path takes from 10 s to two
# minutes to settle on 2 cores), then DURATION s measured. CONNECTIONS and THREADS as wrk's -c and -t.
# Fills RPS, P50, P99 and WARM for LABEL and prints one line. Functions on_timed_start and on_timed_end, where
# the caller defines them, run right before and after the timed part, with the label.
declare -A RPS P50 P99 WARM ERRORS
measure() {
  local label=$1 url=$2 script=${3:-}
  local args=(-t"${THREADS:-2}" -c"${CONNECTIONS:-50}" --latency --timeout 10s)
  [[ -n $script ]] && args+=(-s "$script")
  local previous=0 rate spent=0 slices=""
  while (( spent < ${WARMUP_MAX:-150} )); do
    rate=$(wrk "${args[@]}" -d"${WARMUP_SLICE:-5}s" "$url" 2>/dev/null | awk '/Requests\/sec/ {printf "%.0f", $2}')
    rate=${rate:-0}; spent=$((spent + ${WARMUP_SLICE:-5})); slices+=" $rate"
    (( spent >= ${WARMUP_MIN:-60} && previous > 0 && rate * 10 >= previous * 9 && rate * 10 <= previous * 11 )) && break
    previous=$rate
  done
  WARM[$label]=$slices
  [[ $(type -t on_timed_start) == function ]] && on_timed_start "$label"
  wrk "${args[@]}" -d"${DURATION:-10}s" "$url" >"$WORK/$label.txt" 2>&1
  [[ $(type -t on_timed_end) == function ]] && on_timed_end "$label"
  RPS[$label]=$(awk '/Requests\/sec/ {print $2}' "$WORK/$label.txt")
  P50[$label]=$(awk '$1=="50%" {print $2}' "$WORK/$label.txt")
  P99[$label]=$(awk '$1=="99%" {print $2}' "$WORK/$label.txt")
  local errors; errors=$(awk '/Non-2xx|Socket errors/' "$WORK/$label.txt")
  [[ -n $errors ]] && ERRORS[$label]=$(echo "$errors" | tr -s ' ' | tr '\n' ' ')
  printf '%-22s %10s req/s  p50 %-9s p99 %-9s %s (warm-up slices:%s)\n' "$label" "${RPS[$label]}" "${P50[$label]}" "${P99[$label]}" "$errors" "$slices"
}

# ms VALUE: wrk's latency (850.00us, 1.20ms, 2.01s) in milliseconds.
ms() { python3 - "$1" <<'PY'
import sys,re
v=sys.argv[1]; m=re.match(r'([\d.]+)(us|ms|s)',v)
print({'us':float(m.group(1))/1000,'ms':float(m.group(1)),'s':float(m.group(1))*1000}[m.group(2)] if m else 'nan')
PY
}
ratio() { python3 -c "print(f'{float($1)/float($2):.2f}')"; }

#!/usr/bin/env bash
# Memory after load (issue 24 item 2): does each service give its memory back once it idles?
# For each variant (default: off, the set-up before the idle trim, then on: the trim, which tightens the heap's
# free ratios for its own collection), starts its own chain on loopback ports
# (Redis, addon-runtime, addon-server, widget-renderer, api-gateway from their jars, with platform.sh's
# JVM flags; the payment-gateway example image in Docker), and reads every service's resident memory
# (VmRSS):
#   start    after START_IDLE seconds of idling from start (default 45)
#   load     right after LOAD_SECONDS of load through the gateway (default 60): registrations (8 connections),
#            then catalogue browsing (16), widget L1 hits (50) and widget misses (16), a quarter each
#   idle N   N seconds after the load stopped, every 15 s up to IDLE_SECONDS (default 90)
# The target: each service under 256 MB within a minute of idling. The load phases' rates are printed,
# so the price of a variant shows too. Loopback and its own containers only; about 5 minutes a variant.
#
#   bench/memory/idle.sh                      # both variants
#   VARIANTS=on LOAD_SECONDS=120 bench/memory/idle.sh
#   CHAIN_JVM_EXTRA=-XX:NativeMemoryTracking=summary NMT_DIR=/tmp/nmt VARIANTS=on bench/memory/idle.sh
#                                             # and each service's native memory summary at the end
set -euo pipefail
cd "$(dirname "$0")/../.."
THEMEPRESS_BENCH_ROOT=$(pwd)
# shellcheck source=bench/lib/chain.sh
source bench/lib/chain.sh
VARIANTS=${VARIANTS:-off on}
START_IDLE=${START_IDLE:-45}
LOAD_SECONDS=${LOAD_SECONDS:-60}
IDLE_SECONDS=${IDLE_SECONDS:-90}
IMAGE=themepress/addon-payment-gateway:1.0.0
SERVICES=(addon-runtime addon-server widget-renderer api-gateway)
bench_need wrk wrk; bench_need redis-server redis-server; bench_need curl curl; bench_need docker docker.io
docker image inspect "$IMAGE" >/dev/null 2>&1 || { echo "no $IMAGE image: run examples/build-images.sh first" >&2; exit 1; }
chain_jars
WORK=$(mktemp -d /tmp/memory-bench.XXXXXX)
RUNTIME_ID=memory-bench-$$
cleanup() {
  local status=$?
  if [[ $status -ne 0 ]]; then
    mkdir -p /tmp/memory-bench-logs && cp "$WORK"/*.log /tmp/memory-bench-logs/ 2>/dev/null || true
    echo "failed ($status); service logs kept in /tmp/memory-bench-logs" >&2
  fi
  chain_stop
  rm -rf "$WORK"
}
trap cleanup EXIT

declare -A RSS
sample() { # variant label
  local name
  for name in "${SERVICES[@]}"; do
    RSS[$1,$2,$name]=$(awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/${PID_OF[$name]}/status")
  done
  printf '  %-9s %s\n' "$2" "$(for name in "${SERVICES[@]}"; do printf '%s %s MB  ' "$name" "${RSS[$1,$2,$name]}"; done)"
}
load() { # label connections seconds url [lua]
  local args=(-t2 -c"$2" -d"$3s" --latency --timeout 10s)
  [[ -n ${5:-} ]] && args+=(-s "$5")
  wrk "${args[@]}" "$4" >"$WORK/$1.txt" 2>&1
  printf '  load %-10s %8s req/s  p99 %s%s\n' "$1" "$(awk '/Requests\/sec/ {printf "%.0f", $2}' "$WORK/$1.txt")" \
    "$(awk '$1=="99%" {print $2}' "$WORK/$1.txt")" "$(awk '/Non-2xx|Socket errors/ {printf "  (%s)", $0}' "$WORK/$1.txt")"
}
ALL_JVM_OPTS=("${JVM_OPTS[@]}")

LABELS=(start load)
for (( t = 15; t <= IDLE_SECONDS; t += 15 )); do LABELS+=("idle-$t"); done
echo "$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); JVM flags: ${JVM_OPTS[*]}"
for variant in $VARIANTS; do
  case $variant in
    off) TRIM=false ;;
    on) TRIM=true ;;
    *) echo "unknown variant $variant (off|on)" >&2; exit 2 ;;
  esac
  echo "--- idle trim $variant"
  JVM_OPTS=("${ALL_JVM_OPTS[@]}") # "off" is the set-up before the trim: no trim, the JVM's default free ratios
  rm -rf "$WORK/data"
  chain_start --themepress.memory.idle-trim.enabled="$TRIM" --themepress.quotas.developer-memory-mb=1000000000 \
    --themepress.quotas.developer-cpus=100000 --themepress.quotas.developer-instances=1000000000
  chain_register_example payment-gateway
  WIDGET=$GW/api/widgets/payment-gateway/checkout-form
  for try in 1 2 3 4 5; do curl -fsS -o /dev/null "$WIDGET" && break; [[ $try == 5 ]] && exit 1; sleep 2; done
  export BENCH_KEY BENCH_RUN=$variant$$
  BENCH_KEY=$(curl -fsS -X POST "$GW/api/keys" -H "X-API-Key: $ADMIN" -H 'Content-Type: application/json' \
    -d "{\"developer\":\"bench-$variant-$$\"}" | sed -E 's/.*"key":"([^"]+)".*/\1/')

  sleep "$START_IDLE"
  sample "$variant" start
  quarter=$(( LOAD_SECONDS / 4 ))
  load register 8 "$quarter" "$GW" bench/registry/register.lua
  load browse 16 "$quarter" "$GW" bench/registry/browse.lua
  load widget-l1 50 "$quarter" "$WIDGET"
  load widget-miss 16 "$quarter" "$WIDGET" bench/widgets/miss.lua
  sample "$variant" load
  for (( t = 15; t <= IDLE_SECONDS; t += 15 )); do
    sleep 15
    sample "$variant" "idle-$t"
  done
  grep -h "Idle: heap committed" "$WORK"/*.log | sed 's/^/  /' || true
  if [[ -n ${NMT_DIR:-} ]]; then # with CHAIN_JVM_EXTRA=-XX:NativeMemoryTracking=summary: where each service's memory is
    mkdir -p "$NMT_DIR"
    for name in "${SERVICES[@]}"; do
      jcmd "${PID_OF[$name]}" VM.native_memory summary >"$NMT_DIR/$variant-$name.txt" 2>&1 || true
      jcmd "${PID_OF[$name]}" GC.heap_info >>"$NMT_DIR/$variant-$name.txt" 2>&1 || true
    done
  fi
  chain_stop
done

echo
echo "## Resident memory (MB) before, right after and while idling after load, $(date -u +%Y-%m-%dT%H:%MZ)"
echo
header="| service | trim |"; rule="| --- | --- |"
for label in "${LABELS[@]}"; do header+=" $label |"; rule+=" ---: |"; done
echo "$header"; echo "$rule"
for name in "${SERVICES[@]}"; do
  for variant in $VARIANTS; do
    row="| $name | $variant |"
    for label in "${LABELS[@]}"; do row+=" ${RSS[$variant,$label,$name]:-} |"; done
    echo "$row"
  done
done

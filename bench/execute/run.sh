#!/usr/bin/env bash
# The public execute path, hop by hop (issue 24 item 1). Starts its own chain on loopback ports (Redis,
# addon-runtime, addon-server, widget-renderer, api-gateway from their jars, with platform.sh's JVM flags;
# the payment-gateway example image in Docker) and measures one cheap public endpoint
# (verify-transaction of an unknown id: the addon looks it up and answers 404) with wrk, all in one run:
#   container   the addon's own contract, straight to the container
#   runtime     POST /runtime/deployments/payment-gateway/1.0.0/execute/verify-transaction
#   server      POST /api/addons/payment-gateway/execute on the addon-server (existence, the public rule,
#               the input schema, the deployment, the call to the runtime)
#   gateway     the same through the gateway (rate limits off)
# each at CONNECTIONS (default 32) and at 1 connection, where p50 minus the runtime's p50 is what the
# platform adds to a call. The CPU each process on the path spends per request is read from /proc over the
# gateway runs (the container's process included). PROFILE=1 also records 20 s of JFR of the gateway and the addon-server under the
# gateway run, into JFR_DIR (default /tmp): api-gateway.jfr and addon-server.jfr.
# Bounded: each run is DURATION seconds (default 10) after warm-up slices (bench/lib/chain.sh).
set -euo pipefail
cd "$(dirname "$0")/../.."
THEMEPRESS_BENCH_ROOT=$(pwd)
# shellcheck source=bench/lib/chain.sh
source bench/lib/chain.sh
CONNECTIONS=${CONNECTIONS:-32}
WARMUP_MIN=${WARMUP_MIN:-40}
IMAGE=themepress/addon-payment-gateway:1.0.0
RESULTS=${RESULTS:-}
bench_need wrk wrk; bench_need redis-server redis-server; bench_need curl curl; bench_need docker docker.io
docker image inspect "$IMAGE" >/dev/null 2>&1 || { echo "no $IMAGE image: run examples/build-images.sh first" >&2; exit 1; }
chain_jars
WORK=$(mktemp -d /tmp/execute-bench.XXXXXX)
RUNTIME_ID=execute-bench-$$
cleanup() {
  local status=$?
  [[ $status -ne 0 ]] && { mkdir -p /tmp/execute-bench-logs; cp "$WORK"/*.log /tmp/execute-bench-logs/ 2>/dev/null || true;
    echo "failed ($status); service logs kept in /tmp/execute-bench-logs" >&2; }
  chain_stop
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "starting the chain"
chain_start
chain_register_example payment-gateway
EXECUTE=$GW/api/addons/payment-gateway/execute
BODY='{"action":"verify-transaction","data":{"transactionId":"tx-bench"}}'
for try in 1 2 3 4 5 6; do
  code=$(curl -sS -o "$WORK/first.json" -w '%{http_code}' -X POST "$EXECUTE" -H 'Content-Type: application/json' -d "$BODY")
  [[ $code == 404 || $code == 200 ]] && break
  [[ $try == 6 ]] && { echo "execute answered $code:"; cat "$WORK/first.json"; exit 1; }
  sleep 2
done
grep -q 'problem\|transaction' "$WORK/first.json" || { echo "unexpected answer:"; cat "$WORK/first.json"; exit 1; }
container=$(docker ps -q --filter "label=themepress.runtime=$RUNTIME_ID" | head -1)
IP=$(docker inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}} {{end}}' "$container" | awk '{print $1}')
CONTAINER=http://$IP:3000/execute/verify-transaction
RUNTIME=http://127.0.0.1:$RUNTIME_PORT/runtime/deployments/payment-gateway/1.0.0/execute/verify-transaction
SERVER=http://127.0.0.1:$SERVER_PORT/api/addons/payment-gateway/execute
# CPU per hop: user+system time of each process on the path over the timed part of the gateway runs, from
# /proc (the container's process too: it is a process of this host), per request.
HOPS=(api-gateway addon-server addon-runtime container)
PID_OF[container]=$(docker ps -q --filter "label=themepress.runtime=$RUNTIME_ID" | xargs docker inspect -f '{{.State.Pid}}' | tr '\n' ' ')
cpu_ticks() { local pid sum=0; for pid in $1; do sum=$((sum + $(awk '{print $14 + $15}' "/proc/$pid/stat"))); done; echo "$sum"; }
declare -A TICKS CPU_US
on_timed_start() {
  local hop
  for hop in "${HOPS[@]}"; do TICKS[$hop]=$(cpu_ticks "${PID_OF[$hop]}"); done
}
on_timed_end() {
  local hop requests
  requests=$(awk '/requests in/ {print $1}' "$WORK/$1.txt")
  for hop in "${HOPS[@]}"; do
    CPU_US[$1,$hop]=$(( ($(cpu_ticks "${PID_OF[$hop]}") - TICKS[$hop]) * 1000000 / $(getconf CLK_TCK) / requests ))
  done
}
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
echo "--- measuring (load average $LOAD_BEFORE): ${DURATION:-10}s per run, $CONNECTIONS connections, 2 wrk threads"
EXECUTE_SHAPE=direct measure container "$CONTAINER" bench/execute/call.lua
EXECUTE_SHAPE=direct measure runtime "$RUNTIME" bench/execute/call.lua
measure server "$SERVER" bench/execute/call.lua
if [[ ${PROFILE:-0} == 1 ]]; then
  for name in api-gateway addon-server; do
    jcmd "${PID_OF[$name]}" JFR.start name=bench settings=profile duration=20s filename="${JFR_DIR:-/tmp}/$name.jfr" >/dev/null 2>&1 || true
  done
fi
measure gateway "$EXECUTE" bench/execute/call.lua
export EXECUTE_SHAPE=direct
WARMUP_MIN=10 THREADS=1 CONNECTIONS=1 measure container-1c "$CONTAINER" bench/execute/call.lua
WARMUP_MIN=10 THREADS=1 CONNECTIONS=1 measure runtime-1c "$RUNTIME" bench/execute/call.lua
unset EXECUTE_SHAPE
WARMUP_MIN=10 THREADS=1 CONNECTIONS=1 measure server-1c "$SERVER" bench/execute/call.lua
WARMUP_MIN=10 THREADS=1 CONNECTIONS=1 measure gateway-1c "$EXECUTE" bench/execute/call.lua

{
  echo "## Execute benchmark, $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "Load average before measuring: $LOAD_BEFORE. $(nproc) cores, ${DURATION:-10}s per run, wrk -t2 at $CONNECTIONS connections and -t1 at 1."
  echo
  echo "| run | req/s | p50 ms | p99 ms | vs container | warm-up slices, req/s |"
  echo "| --- | ---: | ---: | ---: | ---: | --- |"
  for label in container runtime server gateway container-1c runtime-1c server-1c gateway-1c; do
    base=container; [[ $label == *-1c ]] && base=container-1c
    echo "| $label | ${RPS[$label]} | $(ms "${P50[$label]}") | $(ms "${P99[$label]}") | $(ratio "${RPS[$label]}" "${RPS[$base]}") |${WARM[$label]} |"
  done
  echo
  echo "CPU per request of each process on the path while the gateway was measured (user + system, µs):"
  echo
  echo "| run | $(printf '%s | ' "${HOPS[@]}")total |"
  echo "| --- |$(printf ' ---: |%.0s' "${HOPS[@]}") ---: |"
  for label in gateway gateway-1c; do
    total=0; row="| $label |"
    for hop in "${HOPS[@]}"; do row+=" ${CPU_US[$label,$hop]} |"; total=$((total + CPU_US[$label,$hop])); done
    echo "$row $total |"
  done
  echo
  echo "- through the gateway / the container, $CONNECTIONS connections: $(ratio "${RPS[gateway]}" "${RPS[container]}") (target >= 0.5)"
  echo "- p50 added at 1 connection over the runtime: addon-server $(python3 -c "print(f'{$(ms "${P50[server-1c]}")-$(ms "${P50[runtime-1c]}"):.2f}')") ms, through the gateway $(python3 -c "print(f'{$(ms "${P50[gateway-1c]}")-$(ms "${P50[runtime-1c]}"):.2f}')") ms (target < 2)"
} | tee ${RESULTS:+"$RESULTS"}

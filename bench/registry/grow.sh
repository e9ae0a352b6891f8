#!/usr/bin/env bash
# The addon-server alone as the registry grows (issue 25): no gateway, renderer or runtime, so the two
# cores go to the server under test. Starts its own Redis and an addon-server (the platform's JVM flags,
# scripts/lib/jvm-flags.sh) on free ports and a data folder of its own, registers with 8 clients
# (register.lua) up to SIZE addons, printing the rate, the heap in use after the last collection and
# the store file's size per slice, then registrations/s over DURATION s. Then the addon-server's RSS
# after IDLE s idle, and a stop and start on the same data: time to healthy, RSS, every addon there.
# A histogram of the heap's largest classes is written per slice when HISTO=1 (jcmd GC.class_histogram,
# which collects first: it disturbs the rate). The data stays in DATA unless CLEAN=1.
#
#   SIZE=100000 bench/registry/grow.sh
#   DATA=/tmp/reg100k SIZE=100000 EXTRA_JVM="-XX:+HeapDumpOnOutOfMemoryError -XX:HeapDumpPath=/tmp" bench/registry/grow.sh
#   RESTART_ONLY=1 DATA=/tmp/reg100k bench/registry/grow.sh     # only the stop and start on existing data
#   QUOTAS=default SIZE=1 DATA=/tmp/reg100k bench/registry/grow.sh  # a new developer at its caps on that data
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/jvm-flags.sh

SIZE=${SIZE:-100000}
DURATION=${DURATION:-20}
IDLE=${IDLE:-30}
DATA=${DATA:-.data/grow}
CLIENTS=${CLIENTS:-8}
QUOTAS=${QUOTAS:-lifted}  # "default": the developer caps apply, so a new key is soon refused (each refusal deletes its version)
JAR=${JAR:-addon-server/target/addon-server-0.1.0-SNAPSHOT.jar}
command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install -y wrk" >&2; exit 1; }
[[ -f $JAR ]] || { echo "$JAR is missing: ./mvnw -o -B -q package -DskipTests -pl addon-server -am" >&2; exit 1; }
mkdir -p "$DATA"
DATA=$(cd "$DATA" && pwd)
out=$(mktemp -d)
# A copy: a build during the run (mvnw verify repackages the jar) would pull classes from under the JVM.
cp "$JAR" "$out/addon-server.jar"
JAR=$out/addon-server.jar
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
REDIS_PORT=$(free_port)
PORT=$(free_port)
SERVER=http://127.0.0.1:$PORT
ADMIN_KEY=grow-admin-$RANDOM$RANDOM
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no >"$out/redis.log" 2>&1 &
redis_pid=$!
server_pid=""
stop_server() {
  [[ -n $server_pid ]] || return 0
  kill "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
}
trap 'stop_server; kill $redis_pid 2>/dev/null || true; rm -rf "$out"; [[ ${CLEAN:-0} == 1 ]] && rm -rf "$DATA"' EXIT

start_server() { # sets server_pid and healthy_ms
  local started log
  started=$(date +%s%N)
  log="$DATA/addon-server.log"
  [[ -f $log ]] && mv -f "$log" "$log.prev"
  read -r -a own <<<"$(service_jvm_opts addon-server)"
  read -r -a extra <<<"${EXTRA_JVM:-}"
  local quotas=(THEMEPRESS_QUOTAS_DEVELOPERMEMORYMB=1000000000 THEMEPRESS_QUOTAS_DEVELOPERCPUS=100000 THEMEPRESS_QUOTAS_DEVELOPERINSTANCES=1000000000)
  [[ $QUOTAS == default ]] && quotas=()
  env THEMEPRESS_KEYS_ADMIN_KEY=$ADMIN_KEY "${quotas[@]}" \
    java "${JVM_OPTS[@]}" "${own[@]}" "${extra[@]}" -jar "$JAR" --server.port="$PORT" --spring.data.redis.port="$REDIS_PORT" \
    --themepress.storage.data-dir="$DATA" --themepress.runtime-client.url=http://127.0.0.1:9 >"$log" 2>&1 </dev/null &
  server_pid=$!
  until curl -fsS "$SERVER/actuator/health" >/dev/null 2>&1; do
    kill -0 "$server_pid" 2>/dev/null || { echo "addon-server died: $(tail -3 "$log")" >&2; exit 1; }
    sleep 0.2
  done
  healthy_ms=$(( ($(date +%s%N) - started) / 1000000 ))
}
total() { curl -fsS "$SERVER/api/addons?size=1" | sed -E 's/.*"total":([0-9]+).*/\1/'; }
rss() { awk '/VmRSS/ {printf "%.0f MB", $2/1024}' /proc/"$server_pid"/status; }
heap() { # in use after the last collection (old generation) and now (both generations), no collection forced
  jcmd "$server_pid" GC.heap_info 2>/dev/null | awk '/generation/ {for (i=1;i<=NF;i++) if ($i=="used") {v=$(i+1); sub(/K,?/,"",v); s+=v}} END {printf "%.0f MB", s/1024}'; }
file_mb() { du -m "$DATA/registry.mv" | cut -f1; }
register() { # seconds
  BENCH_RUN="g$RANDOM$RANDOM" wrk -t2 -c"$CLIENTS" -d"$1s" --latency --timeout 10s -s bench/registry/register.lua "$SERVER" >"$out/wrk.txt" 2>&1 || true
  grep -E 'Non-2xx|Socket errors' "$out/wrk.txt" || true
}
rate() { printf '%s/s p50 %s p99 %s' "$(awk '/Requests\/sec/ {printf "%.0f", $2}' "$out/wrk.txt")" \
  "$(awk '$1=="50%" {print $2}' "$out/wrk.txt")" "$(awk '$1=="99%" {print $2}' "$out/wrk.txt")"; }

echo "$(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); addon-server $(service_jvm_opts addon-server) ${EXTRA_JVM:-}"
if [[ ${RESTART_ONLY:-0} != 1 ]]; then
  start_server
  echo "started in $healthy_ms ms on $(total) addons"
  export BENCH_KEY
  BENCH_KEY=$(curl -fsS -X POST "$SERVER/api/keys" -H "X-API-Key: $ADMIN_KEY" -H 'Content-Type: application/json' \
    -d "{\"developer\":\"grow-$RANDOM\"}" | sed -E 's/.*"key":"([^"]+)".*/\1/')
  now=$(total); started=$SECONDS
  while (( now < SIZE )); do
    slice=$(( (SIZE - now) / 300 )); (( slice < 3 )) && slice=3; (( slice > 30 )) && slice=30
    register "$slice"
    kill -0 "$server_pid" 2>/dev/null || { echo "addon-server died: $(grep -m1 -i 'OutOfMemory\|Terminating' "$DATA/addon-server.log")"; exit 1; }
    now=$(total)
    echo "  $now addons at $((SECONDS - started)) s: $(rate); heap $(heap), RSS $(rss), file $(file_mb) MB, load $(cut -d' ' -f1 /proc/loadavg)"
    [[ ${HISTO:-0} == 1 ]] && jcmd "$server_pid" GC.class_histogram 2>/dev/null | sed -n 1,25p >"$DATA/histo-$now.txt"
  done
  register "$DURATION"
  echo "register at $(total) addons, $CLIENTS clients, ${DURATION}s: $(rate); load $(cut -d' ' -f1-3 /proc/loadavg)"
  sleep "$IDLE"
  echo "after ${IDLE}s idle: RSS $(rss), heap $(heap)"
  stop_server
fi
start_server
echo "restart: healthy in $healthy_ms ms on $(total) addons, RSS $(rss); $(grep -o 'Catalogue loaded.*' "$DATA/addon-server.log" | tail -1)"
sleep "$IDLE"
echo "after ${IDLE}s idle: RSS $(rss), heap $(heap)"

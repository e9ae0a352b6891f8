#!/usr/bin/env bash
# Event bus benchmark: redis-benchmark XADD beside the bus's own publish path at the same concurrency,
# then publish -> deliver end to end with 1 and 3 subscribers and the latency at 500 events/s.
# Everything runs on loopback against a redis-server of its own (append-only on, fsync every second,
# as the platform runs it); the addon-runtime is a stand-in that acknowledges and times each delivery.
#
#   bench/events/run.sh            # defaults: 50000 events, 16 clients, 10000 paced events
#   EVENTS=20000 CLIENTS=16 BATCH=10 bench/events/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

EVENTS=${EVENTS:-50000}
CLIENTS=${CLIENTS:-16}
PACED=${PACED:-10000}

command -v redis-server >/dev/null || { echo "redis-server is not installed" >&2; exit 1; }
command -v redis-benchmark >/dev/null || { echo "redis-benchmark is not installed (redis-tools)" >&2; exit 1; }

jar=$(ls addon-server/target/addon-server-*.jar 2>/dev/null | grep -v original | head -1 || true)
if [[ -z "$jar" || -n "${REBUILD:-}" ]]; then
  ./mvnw -q -B -pl addon-server -am package -DskipTests
  jar=$(ls addon-server/target/addon-server-*.jar | grep -v original | head -1)
fi

dir=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly yes --appendfsync always \
  --dir "$dir" --daemonize yes --pidfile "$dir/redis.pid" --logfile "$dir/redis.log"
trap 'kill "$(cat "$dir/redis.pid")" 2>/dev/null || true; rm -rf "$dir"' EXIT
for _ in $(seq 50); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.1; done

echo "machine: $(nproc) cores, $(redis-server --version | cut -d' ' -f3), $(java -version 2>&1 | head -1)"
payload=$(python3 -c 'print("x"*330)')  # about the size of a bench envelope
echo "redis-benchmark XADD, $CLIENTS clients, no pipelining:"
redis-benchmark -p "$port" -c "$CLIENTS" -n 200000 -q XADD bench:raw '*' event "$payload" | tr '\r' '\n' | tail -1
redis-cli -p "$port" del bench:raw >/dev/null

echo "the bus's own publish path (in-process, no HTTP), $CLIENTS threads:"
rm -rf "$dir/app" && java -Djarmode=tools -jar "$jar" extract --destination "$dir/app" >/dev/null
java -Xmx512m -cp "$dir/app/$(basename "$jar"):$dir/app/lib/*" bench/events/XaddPath.java "$port" "$dir/xadd-data" 200000 "$CLIENTS" \
  2>&1 | grep -E '^bus publish path|Exception|Error' || true
redis-cli -p "$port" flushall >/dev/null

java -Dbatch="${BATCH:-10}" bench/events/EventBusLoad.java "$jar" "$port" "$EVENTS" "$CLIENTS" "$PACED"
echo "redis after the run: $(redis-cli -p "$port" info memory | grep '^used_memory_human' | tr -d '\r'), \
stream length $(redis-cli -p "$port" xlen themepress:events:log)"

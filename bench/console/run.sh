#!/usr/bin/env bash
# The console's first screen: the gateway from its jar (alone: the sign-in form needs no other service)
# and headless Chromium loading /console/ after warm-up, cache off and on. Loopback only; about 30 s.
#
#   bench/console/run.sh [RUNS]      (default 20)
#
# Env: BENCH_GATEWAY_PORT (18391).
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=scripts/lib/common.sh
source scripts/lib/common.sh

RUNS=${1:-20}
PORT=${BENCH_GATEWAY_PORT:-18391}
JAR=api-gateway/target/api-gateway-$THEMEPRESS_VERSION.jar
[[ -f $JAR ]] || ./mvnw -q -B -pl api-gateway -am package -DskipTests
# Redis on port 1 answers nothing: the rate limiter fails open, and /console is not counted anyway.
java -jar "$JAR" --server.port="$PORT" --spring.data.redis.port=1 --spring.main.banner-mode=off \
  --themepress.services.addon-server=http://127.0.0.1:1 >"${TMPDIR:-/tmp}/console-bench-gateway.log" 2>&1 &
GATEWAY=$!
trap 'kill $GATEWAY 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$PORT/actuator/health/readiness" >/dev/null 2>&1 && break
  sleep 0.5
done
java bench/console/FirstScreen.java "http://127.0.0.1:$PORT/console/" "$RUNS"

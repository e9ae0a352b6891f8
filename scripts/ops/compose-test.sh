#!/usr/bin/env bash
# The compose test (issue 19): docker-compose.yml for real, on this machine, which cannot pull images.
#
#   scripts/ops/compose-test.sh
#
# 1. validates docker-compose.yml alone, with the embedded-store override and with every profile
#    (`docker-compose config`, offline);
# 2. builds the four service images from the local JRE base, and checks them: uid 1001, a health
#    check, and the JVM flags of scripts/lib/jvm-flags.sh;
# 3. brings the platform up with the local Redis image and the embedded store in place of MongoDB
#    (docker-compose.embedded.yml), plus the monitoring profile's Prometheus, and waits until every
#    service is healthy; checks Redis's append-only file, its fsync and its password;
# 4. runs the seed scenario through the composed gateway: the demo profile registers the example
#    addons and makes the site "demo" (scripts/demo.sh in a container), then an execute and a widget
#    render from this machine;
# 5. checks with the composed Prometheus that the seed's metrics are scraped with their labels and
#    buckets and that the dashboard's and the alert rules' metrics exist (scripts/ops/check-metrics.py);
# 6. kills the runtime's JVM and checks that compose restarts it (restart: unless-stopped) to healthy.
# Everything runs under its own project name, subnet, gateway port and runtime id, and is removed at the
# end (volumes too). Needs docker-compose and the services' jars; it builds the local base images
# (scripts/lib/images.sh) and the example images (examples/build-images.sh) when they are missing.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=scripts/lib/common.sh
source "$ROOT/scripts/lib/common.sh"
# shellcheck source=scripts/lib/jvm-flags.sh
source "$ROOT/scripts/lib/jvm-flags.sh"

START="$(now_ms)"
SERVICES=(addon-server addon-runtime widget-renderer api-gateway)
PROJECT="tpcompose$$"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/themepress-compose.XXXXXX")"

step() {
  STEP_START="$(now_ms)"
  log "compose test: $*"
}
done_step() { info "($(elapsed_since "$STEP_START"))"; }

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# A /24 in 172.29-31.x that overlaps no Docker network here (the platform network is made with a fixed
# subnet, because the runtime listens on the host's address on it).
free_subnet() {
  docker network inspect --format '{{range .IPAM.Config}}{{.Subnet}} {{end}}' $(docker network ls -q) 2>/dev/null \
    | python3 -c '
import ipaddress, random, sys
taken = [ipaddress.ip_network(s, strict=False) for s in sys.stdin.read().split() if "." in s]
candidates = [ipaddress.ip_network(f"172.{b}.{c}.0/24") for b in (29, 30, 31) for c in range(256)]
random.shuffle(candidates)
print(next(str(n) for n in candidates if not any(n.overlaps(t) for t in taken)))'
}

export THEMEPRESS_SUBNET THEMEPRESS_HOST_ADDRESS THEMEPRESS_ADDON_SERVER_ADDRESS
THEMEPRESS_SUBNET="$(free_subnet)"
THEMEPRESS_HOST_ADDRESS="${THEMEPRESS_SUBNET%.0/24}.1"
THEMEPRESS_ADDON_SERVER_ADDRESS="${THEMEPRESS_SUBNET%.0/24}.10"
export THEMEPRESS_TAG="ci-$$" THEMEPRESS_RUNTIME_ID="ci-compose-$$" THEMEPRESS_GATEWAY_BIND=127.0.0.1
export THEMEPRESS_REDIS_IMAGE="themepress/redis:7" THEMEPRESS_PROMETHEUS_IMAGE="themepress/prometheus:2"
export THEMEPRESS_BASE_IMAGE="themepress/jre-base:17" THEMEPRESS_TOOLS_IMAGE="themepress/tools:1"
export THEMEPRESS_GATEWAY_PORT THEMEPRESS_PROMETHEUS_PORT
THEMEPRESS_GATEWAY_PORT="$(free_port)"
THEMEPRESS_PROMETHEUS_PORT="$(free_port)"
# docker-compose 1.29 builds through docker-py (the legacy builder), as examples/build-images.sh does
export COMPOSE_DOCKER_CLI_BUILD=0 DOCKER_BUILDKIT=0

# The secrets of this run: its own .env (exported: the environment wins over a developer's .env in
# the repository) and .secrets/service-key, which an override mounts for Prometheus.
bash "$ROOT/scripts/compose-env.sh" "$WORK" 2>/dev/null
set -a
# shellcheck disable=SC1091
source "$WORK/.env"
set +a
cat >"$WORK/test-override.yml" <<EOF
services:
  prometheus:
    volumes:
      - $WORK/.secrets/service-key:/etc/prometheus/service-key:ro
EOF
FILES=(-f "$ROOT/docker-compose.yml" -f "$ROOT/docker-compose.embedded.yml" -f "$WORK/test-override.yml")
compose() { docker-compose -p "$PROJECT" --project-directory "$ROOT" "${FILES[@]}" "$@"; }

cleanup() {
  local rc=$?
  if ((rc != 0)); then
    warn "compose test failed; the services' last log lines:"
    compose --profile monitoring --profile demo logs --no-color --tail 40 2>&1 | tail -n 200 >&2 || true
  fi
  compose --profile monitoring --profile demo down -v --remove-orphans -t 20 >/dev/null 2>&1 || true
  # the runtime removes its addon containers when it stops; a killed one may leave some
  docker ps -aq --filter "label=themepress.runtime=$THEMEPRESS_RUNTIME_ID" | xargs -r docker rm -f >/dev/null 2>&1 || true
  local service
  for service in "${SERVICES[@]}"; do
    docker rmi "themepress/$service:$THEMEPRESS_TAG" >/dev/null 2>&1 || true
  done
  rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT

fail() { die "compose test: $*"; }

# --- 1. the file -------------------------------------------------------------------------------
step "docker-compose config (alone, with the embedded store, with the demo and monitoring profiles)"
docker-compose --project-directory "$ROOT" -f "$ROOT/docker-compose.yml" config -q || fail "docker-compose.yml is invalid"
compose config -q || fail "docker-compose.yml with docker-compose.embedded.yml is invalid"
compose --profile demo --profile monitoring config -q || fail "the profiles are invalid"
[[ "$(compose --profile demo --profile monitoring config --services | sort | tr '\n' ' ')" \
  == "addon-email-marketing addon-inventory addon-payment-gateway addon-runtime addon-server api-gateway demo mongo prometheus redis widget-renderer " ]] \
  || fail "unexpected services: $(compose --profile demo --profile monitoring config --services | tr '\n' ' ')"
done_step

# --- 2. the images -----------------------------------------------------------------------------
step "building the service images on $THEMEPRESS_BASE_IMAGE"
# the local base images and the example addons' images (each is skipped when present and up to date)
bash "$ROOT/scripts/lib/images.sh" jre-base redis prometheus tools 2>/dev/null || fail "scripts/lib/images.sh failed"
bash "$ROOT/examples/build-images.sh" >/dev/null || fail "examples/build-images.sh failed"
for service in "${SERVICES[@]}"; do
  jar="$ROOT/$service/target/$service-$THEMEPRESS_VERSION.jar"
  [[ -f "$jar" ]] || fail "$jar is missing: build the jars first (./mvnw -DskipTests package)"
done
[[ -f "$ROOT/health-probe/target/health-probe.jar" ]] || fail "health-probe/target/health-probe.jar is missing"
compose build -q "${SERVICES[@]}" >/dev/null || fail "an image did not build"
for service in "${SERVICES[@]}"; do
  image="themepress/$service:$THEMEPRESS_TAG"
  user="$(docker image inspect -f '{{.Config.User}}' "$image")"
  [[ "$user" == "1001:1001" ]] || fail "$image runs as '$user', not 1001:1001"
  [[ "$(docker image inspect -f '{{json .Config.Healthcheck.Test}}' "$image")" == *com.themepress.probe.HealthProbe* ]] \
    || fail "$image has no health check with the probe"
  read -r -a own <<<"$(service_jvm_opts "$service")"
  expected=(java "${JVM_OPTS[@]}")
  for flag in "${own[@]}"; do
    [[ "$flag" == -Dreactor.netty.ioWorkerCount=* ]] || expected+=("$flag") # per machine: compose sets it
  done
  expected+=(-jar "/app/$service.jar")
  actual="$(docker image inspect -f '{{range .Config.Entrypoint}}{{.}} {{end}}' "$image")"
  [[ "$actual" == "${expected[*]} " ]] || fail "$image runs '$actual', scripts/lib/jvm-flags.sh says '${expected[*]}'"
done
info "four images: uid 1001, a health check, platform.sh's JVM flags"
done_step

# --- 3. up ---------------------------------------------------------------------------------------
step "docker-compose up (embedded store, Redis $THEMEPRESS_REDIS_IMAGE, Prometheus; subnet $THEMEPRESS_SUBNET, gateway 127.0.0.1:$THEMEPRESS_GATEWAY_PORT)"
compose --profile monitoring up -d --no-build >/dev/null 2>&1 || fail "docker-compose up failed: $(compose --profile monitoring up -d --no-build 2>&1 | tail -n 5)"
container() { compose ps -q "$1"; }
health() { docker inspect -f '{{if .State.Health}}{{.State.Health.Status}}{{else}}{{.State.Status}}{{end}}' "$(container "$1")" 2>/dev/null || echo missing; }
wait_healthy() {
  local limit="$1" service pending
  shift
  local deadline=$(($(now_ms) + limit * 1000))
  while :; do
    pending=()
    for service in "$@"; do
      [[ "$(health "$service")" == healthy ]] || pending+=("$service=$(health "$service")")
    done
    ((${#pending[@]} == 0)) && return 0
    (($(now_ms) < deadline)) || fail "not healthy within ${limit} s: ${pending[*]}"
    sleep 1
  done
}
wait_healthy 300 redis "${SERVICES[@]}"
info "redis and the four services are healthy after $(elapsed_since "$STEP_START")"
redis="$(container redis)"
[[ "$(docker exec "$redis" redis-cli config get appendonly | tail -n 1)" == yes ]] || fail "Redis runs without its append-only file"
[[ "$(docker exec "$redis" redis-cli config get appendfsync | tail -n 1)" == always ]] || fail "Redis does not fsync every write"
# the answer is read whole before it is matched: with pipefail, `| grep -q` may end the pipe while redis-cli
# still writes, and the SIGPIPE made a Redis that refused read as one that answered (failed once in CI)
unauthenticated="$(docker exec -e REDISCLI_AUTH= "$redis" redis-cli ping 2>&1 || true)"
[[ $unauthenticated == *NOAUTH* ]] || fail "Redis answers without its password: $unauthenticated"
pid="$(docker inspect -f '{{.State.Pid}}' "$redis")"
if [[ "$(tr '\0' ' ' <"/proc/$pid/cmdline")" == *"$THEMEPRESS_REDIS_PASSWORD"* ]]; then
  fail "the Redis password shows in its command line (ps)"
fi
info "Redis: append-only, fsync always, password required and not in ps"
done_step

# --- 4. the seed scenario through the gateway ------------------------------------------------------
GATEWAY="http://127.0.0.1:$THEMEPRESS_GATEWAY_PORT"
step "seed scenario through $GATEWAY (demo profile, then an execute and widget renders)"
compose --profile demo run --rm demo >"$WORK/demo.out" 2>&1 || { cat "$WORK/demo.out" >&2; fail "the demo profile failed"; }
grep -q "/demo/?key=pk_demo_" "$WORK/demo.out" || { cat "$WORK/demo.out" >&2; fail "the demo printed no page address"; }
payment="$(curl -sS -X POST "$GATEWAY/api/addons/payment-gateway/execute" -H 'Content-Type: application/json' \
  -d '{"action":"process-payment","data":{"amount":25,"currency":"EUR","method":"card"}}' -w ' %{http_code}')"
[[ "$payment" == *'"status":"approved"'*' 200' ]] || fail "the payment through the gateway answered: $payment"
stock="$(curl -sS -H 'Accept: text/html' "$GATEWAY/api/widgets/inventory/stock-display?site=demo" -w ' %{http_code}')"
[[ "$stock" == *'<themepress-widget'*' 200' ]] || fail "the stock widget answered: ${stock:0:300}"
checkout="$(curl -sS "$GATEWAY/api/widgets/payment-gateway/checkout-form?site=demo" -o /dev/null -w '%{http_code}')"
[[ "$checkout" == 200 ]] || fail "the checkout widget answered $checkout"
addons="$(docker ps -q --filter "label=themepress.runtime=$THEMEPRESS_RUNTIME_ID" | wc -l)"
((addons >= 2)) || fail "the runtime started $addons addon containers"
info "registered, site made, payment approved, widgets rendered; $addons addon containers of runtime $THEMEPRESS_RUNTIME_ID"
# The composed gateway counts in the composed Redis: a gateway without it lets every request through
# uncounted (fail-open) and says so only in its log, which is how compose ran until 2026-12-05.
limits="$(curl -sS -o /dev/null -D - "$GATEWAY/api/addons?size=1" | tr -d '\r')"
# only a count that Redis answered carries the headers; a request let through uncounted has none
remaining="$(grep -i '^x-ratelimit-remaining:' <<<"$limits" | cut -d' ' -f2 || true)"
[[ -n "$remaining" ]] || fail "the gateway answered without X-RateLimit headers (rate limits not counted): $limits"
info "rate limits counted in the composed Redis (X-RateLimit-Remaining: $remaining)"
done_step

# --- 5. Prometheus ---------------------------------------------------------------------------------
step "the composed Prometheus (127.0.0.1:$THEMEPRESS_PROMETHEUS_PORT) scraped the seed's metrics"
python3 "$ROOT/scripts/ops/check-metrics.py" "http://127.0.0.1:$THEMEPRESS_PROMETHEUS_PORT" "$ROOT" --wait 60 \
  || fail "Prometheus checks failed (above)"
done_step

# --- 6. a dying service comes back ------------------------------------------------------------------
step "kill -9 of the runtime's JVM: compose restarts it"
runtime="$(container addon-runtime)"
before="$(docker inspect -f '{{.RestartCount}}' "$runtime")"
kill -KILL "$(docker inspect -f '{{.State.Pid}}' "$runtime")"
deadline=$(($(now_ms) + 30000))
until [[ "$(docker inspect -f '{{.RestartCount}}' "$runtime")" -gt "$before" ]]; do
  (($(now_ms) < deadline)) || fail "the killed runtime was not restarted within 30 s"
  sleep 0.5
done
sleep 1
wait_healthy 120 addon-runtime
payment="$(curl -sS -X POST "$GATEWAY/api/addons/payment-gateway/execute" -H 'Content-Type: application/json' \
  -d '{"action":"process-payment","data":{"amount":5,"currency":"EUR","method":"card"}}' -w ' %{http_code}')"
[[ "$payment" == *'"status":"approved"'*' 200' ]] || fail "after the restart the payment answered: $payment"
info "restarted (restart count $before -> $(docker inspect -f '{{.RestartCount}}' "$runtime")), healthy, payments approved again"
done_step

log "compose test passed in $(elapsed_since "$START")"

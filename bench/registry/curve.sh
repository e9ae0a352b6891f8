#!/usr/bin/env bash
# The registry as it grows (issue 25): in one run, grow the registry to 1,000, 10,000 and 100,000 addons
# (register.lua: the benchmark's manifests, one in a hundred with widgets) and at each size measure,
# through the gateway with 16 clients: browse (all addons), category pages, text search, the widget
# catalogue and one widget render (payment-gateway's checkout-form, when its image is built); then
# registrations/s with 8 clients; and the addon-server's catalogue bytes, heap and every service's RSS.
# At the end: RSS after IDLE seconds idle, then a stop and start on the same data (time to healthy, and
# whether every addon is still there). Starts the platform on this clone's .data (must be empty or absent).
# The data is left in .data/addon-server: delete it afterwards (CLEAN=1 does).
#
#   bench/registry/curve.sh                 # 1k, 10k, 100k
#   SIZES="1000 5000" DURATION=10 bench/registry/curve.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

GATEWAY=http://127.0.0.1:8080
SERVER=http://127.0.0.1:8081
SIZES=${SIZES:-"1000 10000 100000"}
DURATION=${DURATION:-15}
WARMUP_FIRST=${WARMUP_FIRST:-30}
WARMUP=${WARMUP:-8}
IDLE=${IDLE:-60}
command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install -y wrk" >&2; exit 1; }
if curl -fsS "$GATEWAY/actuator/health" >/dev/null 2>&1; then
  echo "the platform is already running: stop it, this benchmark starts its own on an empty registry" >&2; exit 1
fi
[[ ! -e .data/addon-server/registry.mv ]] || { echo ".data/addon-server holds a registry: move or delete it first" >&2; exit 1; }

export THEMEPRESS_QUOTAS_DEVELOPERMEMORYMB=1000000000 THEMEPRESS_QUOTAS_DEVELOPERCPUS=100000 THEMEPRESS_QUOTAS_DEVELOPERINSTANCES=1000000000
# One benchmark key and one loopback address would be 429 after 100 requests a minute: this measures the
# registry, so the gateway counts nothing here (the limits' price is bench/widgets/run.sh PARTS=limits).
export THEMEPRESS_RATELIMIT_ENABLED=${THEMEPRESS_RATELIMIT_ENABLED:-false}
./platform.sh start >/dev/null
out=$(mktemp -d)
trap './platform.sh stop >/dev/null 2>&1 || true; rm -rf "$out"; [[ ${CLEAN:-0} == 1 ]] && rm -rf .data/addon-server' EXIT
admin_key=$(cat .run/admin-key)
new_key() { curl -fsS -X POST "$GATEWAY/api/keys" -H "X-API-Key: $admin_key" -H 'Content-Type: application/json' \
  -d "{\"developer\":\"$1\"}" | sed -E 's/.*"key":"([^"]+)".*/\1/'; }
export BENCH_KEY BENCH_RUN
BENCH_KEY=$(new_key "bench-$(date +%s)")
total() { curl -fsS "$GATEWAY/api/addons?size=1" | sed -E 's/.*"total":([0-9]+).*/\1/'; }

# A widget to render: the payment-gateway example, if its image is there (the examples' developer owns it).
widget=""
if docker image inspect themepress/addon-payment-gateway:1.0.0 >/dev/null 2>&1; then
  curl -fsS -o /dev/null -X POST "$GATEWAY/api/addons/register" -H "X-API-Key: $(new_key examples)" \
    -H 'Content-Type: application/json' --data-binary @examples/payment-gateway/manifest.json || true # seeded already
  widget=/api/widgets/payment-gateway/checkout-form
  for try in 1 2 3 4 5 6; do curl -fsS -o /dev/null "$GATEWAY$widget" && break; [[ $try == 6 ]] && widget=""; sleep 3; done
fi

run_wrk() { # label connections seconds script-or-path
  local target="$GATEWAY" script=()
  if [[ $4 == *.lua ]]; then script=(-s "bench/registry/$4"); else target="$GATEWAY$4"; fi
  BENCH_RUN="$1$RANDOM" wrk -t2 -c"$2" -d"$3s" --latency --timeout 10s "${script[@]}" "$target" >"$out/$1.txt" 2>&1
}
line() { # label size
  local f="$out/$1.txt" errors
  errors=$(grep -E 'Non-2xx|Socket errors' "$f" | tr -s ' ' || true)
  printf '%-9s %7s addons %7s/s  p50 %-8s p99 %-8s%s\n' "$1" "$2" "$(awk '/Requests\/sec/ {printf "%.0f", $2}' "$f")" \
    "$(awk '$1=="50%" {print $2}' "$f")" "$(awk '$1=="99%" {print $2}' "$f")" "${errors:+  ($errors)}"
}
rss() { for pidfile in .run/*.pid; do printf '%s %s  ' "$(basename "$pidfile" .pid)" \
  "$(awk '/VmRSS/ {printf "%.0fMB", $2/1024}' /proc/"$(cat "$pidfile")"/status 2>/dev/null)"; done; echo; }
catalogue_bytes() { curl -fsS -H "X-Service-Key: $(cat .run/service-key)" "$SERVER/actuator/prometheus" 2>/dev/null | awk '/^registry_catalogue_bytes/ {printf "%.1f MB", $2/1048576}'; }
heap() { # young + old generation in use, without forcing a collection
  jcmd "$(cat .run/addon-server.pid)" GC.heap_info 2>/dev/null \
    | awk '/generation/ {for (i=1;i<=NF;i++) if ($i=="used") {v=$(i+1); sub(/K,?/,"",v); s+=v}} END {printf "%.0f MB", s/1024}'; }

grow() { # to at least N addons, 8 clients, in slices sized to what is missing (at ~400/s)
  local have now slice started=$SECONDS
  have=$(total); now=$have
  while (( now < $1 )); do
    slice=$(( ($1 - now) / 400 )); (( slice < 2 )) && slice=2; (( slice > 30 )) && slice=30
    run_wrk grow 8 "$slice" register.lua
    grep -qE 'Non-2xx' "$out/grow.txt" && echo "  grow: $(grep -E 'Non-2xx' "$out/grow.txt")"
    now=$(total)
  done
  echo "grew $have -> $now addons in $((SECONDS - started)) s"
}

echo "$(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); wrk -t2; reads 16 clients, registration 8; ${DURATION}s measured after ${WARMUP_FIRST}s (first size) / ${WARMUP}s warm-up"
first=1
for size in $SIZES; do
  grow "$size"
  n=$(total)
  warm=$WARMUP; (( first )) && warm=$WARMUP_FIRST
  phases=(all:all.lua category:browse.lua search:search.lua widgets:widgets.lua)
  [[ -n $widget ]] && phases+=("render:$widget")
  for phase in "${phases[@]}"; do
    label=${phase%%:*}
    run_wrk "$label" 16 "$warm" "${phase#*:}"
    run_wrk "$label" 16 "$DURATION" "${phase#*:}"
    line "$label" "$n"
  done
  run_wrk register 8 "$warm" register.lua
  run_wrk register 8 "$DURATION" register.lua
  line register "$n"
  echo "  at $n: catalogue $(catalogue_bytes), addon-server heap used $(heap), load $(cut -d' ' -f1-3 /proc/loadavg); RSS: $(rss)"
  first=0
done
before=$(total)
sleep "$IDLE"
echo "after ${IDLE}s idle: RSS $(rss)"
./platform.sh stop >/dev/null
started=$(date +%s%N)
# --no-build: the jars are those measured, and a build would count as start-up time
./platform.sh start --no-build >"$out/restart.txt" 2>&1
echo "restart on $before addons: platform healthy in $(( ($(date +%s%N) - started) / 1000000 )) ms; $(grep -o 'addon-server is UP.*' "$out/restart.txt" | head -1)"
after=$(total)
echo "addons before the restart $before, after $after"
echo "RSS after restart: $(rss)"
rm -rf "$out"
[[ $before == "$after" ]]

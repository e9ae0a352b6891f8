#!/usr/bin/env bash
# Registry benchmark through the gateway on the embedded store: registrations/s with 8 clients,
# browse latency with 16. Starts the platform if it is not running (and stops it again after).
set -euo pipefail
cd "$(dirname "$0")/../.."

GATEWAY=${GATEWAY:-http://127.0.0.1:8080}
started_here=false
if ! curl -fsS "$GATEWAY/actuator/health" >/dev/null 2>&1; then
  ./platform.sh start
  started_here=true
fi
trap '[[ $started_here == true ]] && ./platform.sh stop' EXIT

admin_key=${THEMEPRESS_KEYS_ADMIN_KEY:-$(cat .run/admin-key)}
dev_key=$(curl -fsS -X POST "$GATEWAY/api/keys" -H "X-API-Key: $admin_key" -H 'Content-Type: application/json' \
  -d "{\"developer\":\"bench-$(date +%s)\"}" | sed -E 's/.*"key":"([^"]+)".*/\1/')

java bench/registry/RegistryLoad.java "$GATEWAY" "$dev_key" "${REGISTRATIONS:-3000}" 8 "${BROWSES:-20000}" 16
echo "resident memory after the run:"
for pidfile in .run/*.pid; do
  pid=$(cat "$pidfile")
  printf '  %-16s %s\n' "$(basename "$pidfile" .pid)" "$(grep VmRSS /proc/"$pid"/status 2>/dev/null | awk '{printf "%.0f MB", $2/1024}')"
done

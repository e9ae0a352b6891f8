#!/usr/bin/env bash
# End-to-end checks of the registry through the gateway of a running platform (./platform.sh), as a
# new user would make them: each line prints the status and the problem's type and pointers, and the
# script fails if any answer differs from what the registry promises. Registers addons with fresh
# names, so it can run again on the same store. Loopback only.
#
#   scripts/check-registry.sh [http://127.0.0.1:8080]
set -euo pipefail
cd "$(dirname "$0")/.."
GW=${1:-http://127.0.0.1:8080}
[[ $GW =~ ^http://(127\.[0-9.]+|localhost)(:[0-9]+)?$ ]] || { echo "loopback only, not $GW" >&2; exit 1; }
admin=${THEMEPRESS_KEYS_ADMIN_KEY:-$(cat .run/admin-key)}
run=$(date +%s)
failures=0

key_for() {
  curl -fsS -X POST "$GW/api/keys" -H "X-API-Key: $admin" -H 'Content-Type: application/json' \
    -d "{\"developer\":\"$1-$run\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["key"])'
}
# expect <label> <status> <pointer or -> <curl args...>
expect() {
  local label=$1 status=$2 pointer=$3; shift 3
  local body headers got type pointers
  body=$(mktemp); headers=$(mktemp)
  got=$(curl -sS -o "$body" -D "$headers" -w '%{http_code}' "$@")
  type=$(python3 -c 'import json,sys
try: print(json.load(open(sys.argv[1])).get("type",""))
except Exception: print("")' "$body")
  pointers=$(python3 -c 'import json,sys
try: print(",".join(e["pointer"] for e in json.load(open(sys.argv[1])).get("errors",[])))
except Exception: print("")' "$body")
  local verdict=ok
  [[ $got == "$status" ]] || verdict=FAIL
  if [[ $pointer != - && ",$pointers," != *",$pointer,"* ]]; then verdict=FAIL; fi
  if (( got >= 400 )) && ! grep -qi '^content-type: application/problem+json' "$headers"; then verdict=FAIL; fi
  if [[ $status == 201 ]] && ! grep -qi '^location: ' "$headers"; then verdict=FAIL; fi
  printf '%-4s %-44s %s %s %s\n' "$verdict" "$label" "$got" "${type##*/}" "$pointers"
  [[ $verdict == ok ]] || failures=$((failures + 1))
  rm -f "$body" "$headers"
}
json=(-H 'Content-Type: application/json')

owner=$(key_for owner); other=$(key_for other)
seed="clock-$run"
register=(-X POST "$GW/api/addons/register" "${json[@]}")

expect "short seed manifest registers" 201 - "${register[@]}" -H "X-API-Key: $owner" \
  -d "{\"name\":\"$seed\",\"version\":\"1.0.0\",\"widgets\":[\"face\"],\"endpoints\":[\"tick\"]}"
expect "the same again" 409 - "${register[@]}" -H "X-API-Key: $owner" \
  -d "{\"name\":\"$seed\",\"version\":\"1.0.0\",\"widgets\":[\"face\"],\"endpoints\":[\"tick\"]}"
expect "full form with widgets, schema, deps, perms" 201 - "${register[@]}" -H "X-API-Key: $owner" -d "{
  \"name\":\"shop-$run\",\"version\":\"2.1.0\",\"description\":\"A shop\",\"author\":\"acme\",\"category\":\"ecommerce\",
  \"image\":\"owner-$run/shop:2.1.0\",
  \"widgets\":[{\"name\":\"cart\",\"configSchema\":{\"type\":\"object\",\"properties\":{\"currency\":{\"type\":\"string\",\"default\":\"EUR\"}}}}],
  \"endpoints\":[\"checkout\"],\"dependencies\":{\"$seed\":\"^1.0.0\"},
  \"permissions\":[\"events.publish\",\"storage.read\"],\"events\":{\"publishes\":[\"shop.ordered\"]}}"
expect "another developer's image" 403 /image "${register[@]}" -H "X-API-Key: $other" \
  -d "{\"name\":\"thief-$run\",\"version\":\"1.0.0\",\"image\":\"owner-$run/shop:2.1.0\"}"
expect "a platform-internal image" 403 /image "${register[@]}" -H "X-API-Key: $owner" \
  -d "{\"name\":\"base-$run\",\"version\":\"1.0.0\",\"image\":\"themepress/jre-base:17\"}"
expect "8 GB x 8 CPUs x 50 instances" 422 /resources/memoryMb "${register[@]}" -H "X-API-Key: $owner" \
  -d "{\"name\":\"hog-$run\",\"version\":\"1.0.0\",\"resources\":{\"memoryMb\":8192,\"cpus\":8,\"maxInstances\":50}}"
expect "missing dependency" 422 /dependencies/nowhere-$run "${register[@]}" -H "X-API-Key: $owner" \
  -d "{\"name\":\"a-$run\",\"version\":\"1.0.0\",\"dependencies\":{\"nowhere-$run\":\"^1.0.0\"}}"
expect "bad range" 400 /dependencies/$seed "${register[@]}" -H "X-API-Key: $owner" \
  -d "{\"name\":\"b-$run\",\"version\":\"1.0.0\",\"dependencies\":{\"$seed\":\">>1\"}}"
expect "cycle" 422 /dependencies/shop-$run "${register[@]}" -H "X-API-Key: $owner" \
  -d "{\"name\":\"$seed\",\"version\":\"1.1.0\",\"dependencies\":{\"shop-$run\":\"^2.0.0\"}}"
expect "bad name" 400 /name "${register[@]}" -H "X-API-Key: $owner" -d '{"name":"Bad Name!","version":"1.0.0"}'
expect "bad version" 400 /version "${register[@]}" -H "X-API-Key: $owner" -d "{\"name\":\"c-$run\",\"version\":\"1.0\"}"
expect "wrong types" 400 /widgets "${register[@]}" -H "X-API-Key: $owner" -d "{\"name\":\"d-$run\",\"version\":\"1.0.0\",\"widgets\":7}"
expect "malformed JSON" 400 - "${register[@]}" -H "X-API-Key: $owner" -d '{"name":"e",'
expect "unknown addon" 404 - "$GW/api/addons/nothing-here-$run"
expect "non-owner adds a version" 403 - "${register[@]}" -H "X-API-Key: $other" \
  -d "{\"name\":\"$seed\",\"version\":\"1.2.0\"}"
expect "non-owner withdraws" 403 - -X DELETE "$GW/api/addons/$seed/versions/1.0.0" -H "X-API-Key: $other"
expect "no key" 401 - "${register[@]}" -d "{\"name\":\"f-$run\",\"version\":\"1.0.0\"}"
expect "browse by category" 200 - "$GW/api/addons?category=ecommerce&q=shop-$run"
expect "bad category" 400 /category "$GW/api/addons?category=nope"
expect "keys listed by the admin" 200 - "$GW/api/keys?developer=other-$run" -H "X-API-Key: $admin"
expect "keys listed by a developer" 403 - "$GW/api/keys" -H "X-API-Key: $other"
other_id=$(curl -fsS "$GW/api/keys?developer=other-$run" -H "X-API-Key: $admin" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
expect "a key revoked by the admin" 204 - -X DELETE "$GW/api/keys/$other_id" -H "X-API-Key: $admin"
expect "the revoked key" 401 - "${register[@]}" -H "X-API-Key: $other" -d "{\"name\":\"g-$run\",\"version\":\"1.0.0\"}"
expect "an unknown key id" 404 - -X DELETE "$GW/api/keys/00000000-0000-0000-0000-000000000000" -H "X-API-Key: $admin"

echo
if (( failures > 0 )); then
  echo "$failures check(s) failed"
  exit 1
fi
echo "all checks passed"

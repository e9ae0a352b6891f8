#!/usr/bin/env bash
# Builds the example addon images from their shaded jars, locally (this machine has no registry).
#
#   examples/build-images.sh [--build] [--force] [--verify] [NAME...]
#
#   --build   rebuild the jars with Maven first (otherwise only when a jar is missing)
#   --force   rebuild an image even when it was built from the same jar on the same base
#   --verify  afterwards run each image as the sandbox would (read-only root, no capabilities,
#             the manifest's memory, 0.5 CPU), wait for /health, make one execute call, remove it
#   NAME...   only these examples (default: all four)
#
# BASE_IMAGE (default themepress/jre-base:17) must already exist locally: it is never pulled.
# An image is skipped when its labels show the same jar sha256 and the same base image id.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BASE_IMAGE="${BASE_IMAGE:-themepress/jre-base:17}"
ALL=(payment-gateway inventory email-marketing hostile-test-addon)
build_jars=false force=false verify=false names=()

for arg in "$@"; do
  case "$arg" in
    --build) build_jars=true ;;
    --force) force=true ;;
    --verify) verify=true ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    -*) echo "unknown option $arg (try --help)" >&2; exit 2 ;;
    *) names+=("$arg") ;;
  esac
done
[ ${#names[@]} -gt 0 ] || names=("${ALL[@]}")
for name in "${names[@]}"; do
  [ -f "$ROOT/examples/$name/Dockerfile" ] || { echo "no example named $name" >&2; exit 2; }
done

now_ms() { date +%s%3N; }
since() { echo "$(( $(now_ms) - $1 )) ms"; }
# The image name comes from the manifest, so the two cannot drift apart.
image_of() { sed -n 's/^ *"image": *"\([^"]*\)".*/\1/p' "$ROOT/examples/$1/manifest.json" | head -n 1; }
label_of() { docker image inspect -f "{{ index .Config.Labels \"$2\" }}" "$1" 2>/dev/null || true; }

if ! docker image inspect "$BASE_IMAGE" >/dev/null 2>&1; then
  echo "base image $BASE_IMAGE is not present locally and is never pulled here: build it first," >&2
  echo "or set BASE_IMAGE to a JRE 17 image you have (e.g. eclipse-temurin:17-jre where a registry is reachable)" >&2
  exit 1
fi
base_id="$(docker image inspect -f '{{.Id}}' "$BASE_IMAGE")"

missing=false
for name in "${names[@]}"; do
  [ -f "$ROOT/examples/$name/target/$name.jar" ] || missing=true
done
if $build_jars || $missing; then
  start=$(now_ms)
  modules="addon-sdk,examples$(printf ',examples/%s' "${names[@]}")"
  echo "==> building jars ($modules)"
  (cd "$ROOT" && ./mvnw -q -B -pl "$modules" -am package -DskipTests)
  echo "    jars built in $(since "$start")"
fi

total=$(now_ms)
for name in "${names[@]}"; do
  jar="$ROOT/examples/$name/target/$name.jar"
  image="$(image_of "$name")"
  sha="$(sha256sum "$jar" | cut -d' ' -f1)"
  if ! $force && [ "$(label_of "$image" com.themepress.jar-sha256)" = "$sha" ] \
      && [ "$(label_of "$image" com.themepress.base-image-id)" = "$base_id" ]; then
    echo "==> $image is up to date (jar ${sha:0:12}), skipped"
    continue
  fi
  start=$(now_ms)
  echo "==> building $image on $BASE_IMAGE"
  # the legacy builder's deprecation notice goes to stderr: show stderr only when the build fails
  log="$(mktemp)"
  if ! DOCKER_BUILDKIT=0 docker build -q \
      --build-arg "BASE_IMAGE=$BASE_IMAGE" \
      --label "com.themepress.jar-sha256=$sha" \
      --label "com.themepress.base-image-id=$base_id" \
      -t "$image" "$ROOT/examples/$name" >/dev/null 2>"$log"; then
    cat "$log" >&2; rm -f "$log"; exit 1
  fi
  rm -f "$log"
  size="$(docker image inspect -f '{{.Size}}' "$image")"
  echo "    built in $(since "$start"), $(( size / 1000000 )) MB"
done
echo "==> images done in $(since "$total")"

$verify || exit 0

# One execute call per example that must succeed on a fresh instance: "endpoint|data|status".
smoke_call() {
  case "$1" in
    payment-gateway) echo 'process-payment|{"amount":10,"currency":"USD","method":"card"}|200' ;;
    inventory) echo 'check-availability|{"sku":"mug"}|200' ;;
    email-marketing) echo 'subscribe|{"email":"smoke@example.com"}|201' ;;
    hostile-test-addon) echo 'echo|{"ping":1}|200' ;;
  esac
}
memory_of() { sed -n 's/^ *"memoryMb": *\([0-9]*\).*/\1/p' "$ROOT/examples/$1/manifest.json" | head -n 1; }

failed=0
for name in "${names[@]}"; do
  image="$(image_of "$name")"
  IFS='|' read -r endpoint data want <<<"$(smoke_call "$name")"
  start=$(now_ms)
  # the runtime's sandbox, roughly: read-only root, no capabilities, no new privileges, limits
  id="$(docker run -d -p 127.0.0.1::3000 --read-only --tmpfs /tmp:rw,size=16m --cap-drop ALL \
    --security-opt no-new-privileges --pids-limit 256 --cpus 0.5 \
    --memory "$(memory_of "$name")m" --memory-swap "$(memory_of "$name")m" \
    -e ADDON_NAME="$name" -e ADDON_VERSION=1.0.0 -e INSTANCE_ID="verify-$name" "$image")"
  trap 'docker rm -f "$id" >/dev/null 2>&1 || true' EXIT
  port="$(docker port "$id" 3000/tcp | head -n 1 | sed 's/.*://')"
  healthy=false
  for _ in $(seq 1 300); do
    if curl -sf "http://127.0.0.1:$port/health" >/dev/null 2>&1; then healthy=true; break; fi
    sleep 0.02
  done
  if ! $healthy; then
    echo "FAIL $name: no /health within 6 s"; docker logs "$id" 2>&1 | tail -n 20; failed=1
  else
    up="$(since "$start")"
    got="$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' -d "$data" \
      "http://127.0.0.1:$port/execute/$endpoint")"
    if [ "$got" = "$want" ]; then
      echo "ok   $name: /health after $up, POST /execute/$endpoint -> $got"
    else
      echo "FAIL $name: POST /execute/$endpoint -> $got, expected $want"; failed=1
    fi
  fi
  docker rm -f "$id" >/dev/null
  trap - EXIT
done
exit "$failed"

#!/usr/bin/env bash
# Builds themepress/addon-node-hello:1.0.0 on BASE_IMAGE (default: themepress/node-base:20, built here
# from this machine's node by scripts/lib/images.sh when absent; set BASE_IMAGE=node:24-slim where
# images can be pulled).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BASE_IMAGE="${BASE_IMAGE:-themepress/node-base:20}"
if [[ $BASE_IMAGE == themepress/node-base:20 ]]; then
  bash "$HERE/../../scripts/lib/images.sh" node-base
fi
image=$(sed -n 's/^ *"image": *"\([^"]*\)".*/\1/p' "$HERE/manifest.json" | head -n 1)
docker build -q --build-arg BASE_IMAGE="$BASE_IMAGE" -t "$image" "$HERE" >/dev/null
echo "$image: $(docker image inspect --format '{{.Size}}' "$image" | awk '{ printf "%.1f MB", $1 / 1000000 }') on $BASE_IMAGE"

#!/usr/bin/env bash
# Runs every test of the platform, on a fresh Debian machine as on a developer's.
#
#   ./test.sh                    # provision, build the local images, ./mvnw -B verify
#   ./test.sh -pl addon-server   # extra arguments go to Maven
#
# 1. Provisions the Docker engine, Redis and the packages the images and the ops tests need
#    (scripts/lib/provision.sh), and builds the images no registry can give us here:
#    alpine:3.17 (Testcontainers' startup check), themepress/jre-base:17, and the compose test's
#    themepress/redis:7, themepress/prometheus:2 and themepress/tools:1.
# 2. ./mvnw -B verify, with Testcontainers set up for an offline machine.
# 3. scripts/check-skips.sh over the reports this run wrote: fails on any failed test, on no
#    test at all, and on any skip whose message does not start with "Component absent:".
#    Its last line is "N passed, N failed, N skipped".
# The exit code is non-zero when Maven failed or the check failed.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"
# shellcheck source=scripts/lib/common.sh
source "$ROOT/scripts/lib/common.sh"

START="$(now_ms)"

bash scripts/lib/provision.sh
# redis, prometheus and tools: the compose test's local stand-ins for redis:7, prom/prometheus and the
# demo profile's shell image (integration-tests' OpsScriptsTests, scripts/ops/)
bash scripts/lib/images.sh alpine jre-base redis prometheus tools
# The runtime's sandbox tests run the example addons (the hostile one above all) as containers;
# their images must exist before Maven reaches addon-runtime.
bash examples/build-images.sh --build
# The Node.js example on the bare contract (and its base image, made from this machine's node).
bash examples/node-hello/build-image.sh

# Ryuk (Testcontainers' reaper) is an image that cannot be pulled here; the tests remove
# their own containers. DOCKER_HOST saves Testcontainers from probing for other engines.
export TESTCONTAINERS_RYUK_DISABLED=true
export DOCKER_HOST="${DOCKER_HOST:-unix:///var/run/docker.sock}"

# Only reports written from now on are judged: older ones (another run, a module that did
# not run this time) must not count.
MARKER="$(mktemp "${TMPDIR:-/tmp}/themepress-test-start.XXXXXX")"
trap 'rm -f "$MARKER"' EXIT

log "./mvnw -B verify $*"
mvn_rc=0
./mvnw -B --no-transfer-progress verify "$@" || mvn_rc=$?
if ((mvn_rc != 0)); then
  log "Maven failed (exit $mvn_rc) after $(elapsed_since "$START"); the reports it wrote follow"
else
  log "Maven finished after $(elapsed_since "$START")"
fi

check_rc=0
bash scripts/check-skips.sh --newer "$MARKER" "$ROOT" || check_rc=$?

if ((mvn_rc != 0 || check_rc != 0)); then
  exit 1
fi

#!/usr/bin/env bash
# Host API storage benchmark: put/get latency from inside an addon container (p50/p99), beside direct
# MongoDB-wire calls from the host against the same store, in one run. Loopback and its own containers
# only; about a minute. Needs the Docker engine and the hostile test addon's image.
#
#   bench/hostapi/run.sh [IMAGE]     (default: themepress/addon-hostile-test-addon:1.0.0)
#
# Env: STORAGE_OPS (2000), DOC_BYTES (200), BENCH_SERVER_PORT (18291), BENCH_RUNTIME_PORT (18292),
# SPRING_MONGODB_URI (unset: the addon-server's embedded MongoDB-wire server).
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=scripts/lib/common.sh
source scripts/lib/common.sh

IMAGE=${1:-themepress/addon-hostile-test-addon:1.0.0}
SERVER_JAR=addon-server/target/addon-server-$THEMEPRESS_VERSION.jar
RUNTIME_JAR=addon-runtime/target/addon-runtime-$THEMEPRESS_VERSION.jar
docker image inspect "$IMAGE" >/dev/null 2>&1 || { echo "image $IMAGE is not on the engine (examples/build-images.sh)" >&2; exit 1; }
if [[ ! -f $SERVER_JAR || ! -f $RUNTIME_JAR ]]; then
  ./mvnw -q -B -pl addon-server,addon-runtime -am package -DskipTests
fi
# The MongoDB driver the addon-server itself uses, from the local repository.
M2=${MAVEN_REPO:-$HOME/.m2/repository}/org/mongodb
CP=$(ls "$M2"/mongodb-driver-sync/*/mongodb-driver-sync-*.jar "$M2"/mongodb-driver-core/*/mongodb-driver-core-*.jar \
  "$M2"/bson/*/bson-[0-9]*.jar "$M2"/bson-record-codec/*/bson-record-codec-*.jar 2>/dev/null | grep -v sources | tr '\n' ':')
java -cp "$CP" bench/hostapi/StorageBench.java "$SERVER_JAR" "$RUNTIME_JAR" "$IMAGE"

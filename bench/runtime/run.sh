#!/usr/bin/env bash
# addon-runtime benchmark: warm overhead, calls/s, cold start, footprint. Loopback and its own
# containers only; about two and a half minutes. Needs the Docker engine and an addon image.
#
#   bench/runtime/run.sh [IMAGE]     (default: themepress/addon-hostile-test-addon:1.0.0)
#
# Env: WARM_CALLS (2000), JIT_WARMUP_SECONDS (10), LOAD_SECONDS (3), LOAD_ROUNDS (3), COLD_TRIALS (5), RSS_INSTANCES (20), BENCH_PORT (18190).
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=scripts/lib/common.sh
source scripts/lib/common.sh
# shellcheck source=scripts/lib/jvm-flags.sh
source scripts/lib/jvm-flags.sh
# The runtime is measured with the flags platform.sh starts it with.
export RUNTIME_JVM_OPTS="${JVM_OPTS[*]} $(service_jvm_opts addon-runtime)"

IMAGE=${1:-themepress/addon-hostile-test-addon:1.0.0}
JAR=addon-runtime/target/addon-runtime-$THEMEPRESS_VERSION.jar

if ! docker image inspect "$IMAGE" >/dev/null 2>&1; then
  echo "image $IMAGE is not on the engine: build it first (examples/build-images.sh)" >&2
  exit 1
fi
if [[ ! -f $JAR || -n $(find addon-runtime/src -newer "$JAR" -print -quit) ]]; then
  ./mvnw -q -B -pl addon-runtime -am package -DskipTests
fi

# The example images are built with the addon SDK, which turns TCP_NODELAY on in its JDK HttpServer
# (without it every call waits a ~40 ms delayed ACK, on the direct path and through the runtime alike).
java bench/runtime/RuntimeBench.java "$JAR" "$IMAGE"

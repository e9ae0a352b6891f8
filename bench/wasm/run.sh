#!/usr/bin/env bash
# WASM tier benchmark: cold start and warm per-call overhead of the WebAssembly example
# (examples/wasm-guestbook, its `echo` endpoint) beside a container addon doing the same work (the
# hostile test addon's `echo`), in one run against one runtime. Loopback and its own containers only.
# Needs the Docker engine and the container image; builds the runtime jar and the module if missing.
#
#   bench/wasm/run.sh [IMAGE]     (default: themepress/addon-hostile-test-addon:1.0.0)
#
# Env: WARM_CALLS (2000), JIT_WARMUP_SECONDS (10), COLD_TRIALS (5), BENCH_PORT (18390), MODULE_PORT (18391).
# A quick check that it works: WARM_CALLS=50 JIT_WARMUP_SECONDS=1 COLD_TRIALS=1 bench/wasm/run.sh
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
MODULE=examples/wasm-guestbook/target/wasm-guestbook.wasm

docker image inspect "$IMAGE" >/dev/null 2>&1 || { echo "image $IMAGE is not on the engine (examples/build-images.sh)" >&2; exit 1; }
if [[ ! -f $JAR || -n $(find addon-runtime/src -newer "$JAR" -print -quit) ]]; then
  ./mvnw -q -B -pl addon-runtime -am package -DskipTests
fi
if [[ ! -f $MODULE || -n $(find examples/wasm-guestbook/assembly -newer "$MODULE" -print -quit) ]]; then
  ./mvnw -q -B -pl examples/wasm-guestbook -am package -DskipTests
fi
# Chicory itself, for the module's own time per call (the work, without the runtime around it).
M2=${MAVEN_REPO:-$HOME/.m2/repository}/com/dylibso/chicory
CP="$M2/runtime/1.6.1/runtime-1.6.1.jar:$M2/wasm/1.6.1/wasm-1.6.1.jar"
java -cp "$CP" bench/wasm/WasmBench.java "$JAR" "$IMAGE" "$MODULE"

# shellcheck shell=bash
# The one place for the services' JVM flags: platform.sh starts the services with them, and
# bench/widgets/run.sh measures with them, so the figures are those of what ops run. The service images'
# Dockerfiles (<module>/Dockerfile) spell them out, having no shell to source this; scripts/ops/compose-test.sh
# fails when the two differ.
# Sourced only. Use: java "${JVM_OPTS[@]}" $(service_jvm_opts <module>) -jar ...
#
# Goal: each service at most 256 MB resident when idle. Serial GC has the smallest footprint and no
# GC threads to spare on 2 cores; the heap, metaspace, code cache, thread stacks and direct buffers
# are each capped.
# The free ratios let a full collection shrink the heap to its live set plus a fifth (the default 40-70%
# kept it at its high-water mark, and a full collection at idle even grew it): each service's idle trim
# (themepress.memory.idle-trim, docs/jvm-memory.md) runs one when the service goes quiet after load.
JVM_OPTS=(-XX:+UseSerialGC -Xms32m -XX:MaxMetaspaceSize=128m -XX:ReservedCodeCacheSize=48m
  -Xss512k -XX:MaxDirectMemorySize=64m -XX:+ExitOnOutOfMemoryError -XX:-ShrinkHeapInSteps)
# Per service. The addon-server hosts the embedded store, whose H2 pages live about a second
# (until the store's background commit) and, under a registration burst, were promoted out of a
# small young generation into repeated full collections; a young generation that holds them lifted
# registrations/s by a quarter and halved p99 (docs/jvm-memory.md). Idle size is unchanged: the heap
# is committed as it is used. At 100,000 addons its live set is about 90 MB (the in-memory catalogue
# about 50 MB of it), which a 112 MB old generation (-Xmn144m) could not hold under load (issue 25:
# OutOfMemoryError); -Xmn80m leaves 176 MB. The gateway shares this machine's cores with the three services behind
# it, so it gets one event loop per core instead of Reactor Netty's default of at least four: on
# 2 cores four loops gave browse p99 ~30 ms, one ~19 ms, two ~17 ms, and two served 14% more widget
# L1 hits than one (docs/benchmarks.md, docs/widget-rendering.md).
GATEWAY_LOOPS=$(nproc)
# The renderer: an L2 hit rebuilds a render's fragment and tag (tens of KB of garbage each); with
# the default young generation (16 MB of eden from -Xms32m) it collected 20 times a second and
# promoted in-flight requests' garbage, and L2 hits through the gateway served 9.4-10.2k req/s, p50
# 4.5-4.8 ms; with 64 MB of young generation 12.8-13.1k, p50 3.5 ms. The heap grows by that much so
# the old generation still holds the L1 (32 MB), last good and prepared requests (8 MB each).
declare -A SERVICE_OPTS=(
  [addon-server]="-Xmx256m -Xmn80m -XX:SurvivorRatio=4"
  [widget-renderer]="-Xmx192m -Xmn64m -XX:SurvivorRatio=6"
  [api-gateway]="-Xmx128m -Dreactor.netty.ioWorkerCount=$GATEWAY_LOOPS"
)
DEFAULT_SERVICE_OPTS="-Xmx128m"
if [[ -n "${THEMEPRESS_JVM_OPTS:-}" ]]; then
  read -r -a JVM_OPTS <<<"$THEMEPRESS_JVM_OPTS"
  SERVICE_OPTS=()
  DEFAULT_SERVICE_OPTS=""
fi

# The per-service flags of one module, space-separated (unquoted expansion splits them).
service_jvm_opts() {
  printf '%s' "${SERVICE_OPTS[$1]:-$DEFAULT_SERVICE_OPTS}"
}

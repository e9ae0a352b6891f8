#!/usr/bin/env bash
# Runs the whole ThemePress platform on this machine, as four background Java processes.
#
#   ./platform.sh                 start it if it is not running, stop it if it is
#   ./platform.sh start [--no-build]   start every service that is not running (all of them: after a build;
#                                      only some: without one, since the others run from the jars)
#   ./platform.sh stop
#   ./platform.sh restart [--no-build]
#   ./platform.sh status
#
# Start = provision (Docker engine, Redis, base image; see scripts/lib/), build the jars,
# start addon-server, then addon-runtime, widget-renderer and api-gateway, and wait for each
# /actuator/health to say UP; then set up the demo site (scripts/demo.sh) and print its page.
# Logs: .run/logs/<module>.log, pids: .run/<module>.pid.
# Each service runs under a small supervisor (this script, "supervise <module>"): a service that dies is
# started again after 1 s, 2 s, 4 s ... up to THEMEPRESS_RESTART_BACKOFF_MAX (60 s; back to 1 s after
# 5 minutes of running), and each restart is logged (its log and .run/logs/supervisor.log) and counted
# (.run/<module>.restarts, shown by status).
# The addon-server's data (embedded MongoDB-wire store) lives in .data/addon-server and
# survives restarts.
#
# Environment:
#   THEMEPRESS_KEYS_ADMIN_KEY   the admin key; otherwise one is generated once into .run/admin-key
#   THEMEPRESS_JVM_OPTS         replaces the JVM flags below, per-service ones included (one string, split on spaces)
#   THEMEPRESS_PORT_<MODULE>    e.g. THEMEPRESS_PORT_API_GATEWAY=9080, to move a service
#   THEMEPRESS_START_TIMEOUT    seconds each service may take to become healthy (120)
#   THEMEPRESS_RESTART_BACKOFF_MAX  longest wait, in seconds, before a died service is started again (60)
#   THEMEPRESS_SERVICE_KEY      the secret the services require of each other (X-Service-Key); otherwise one
#                               is generated once into .run/service-key. The services listen on loopback.
#   THEMEPRESS_REDIS_PASSWORD   the password of a Redis you run yourself; otherwise provisioning gives the
#                               Redis it starts one (copied to .run/redis-password for you and the services)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=scripts/lib/common.sh
source "$ROOT/scripts/lib/common.sh"

RUN_DIR="$ROOT/.run"
LOG_DIR="$RUN_DIR/logs"
DATA_DIR="$ROOT/.data/addon-server"
ADMIN_KEY_FILE="$RUN_DIR/admin-key"
SERVICE_KEY_FILE="$RUN_DIR/service-key"
REDIS_PASSWORD_FILE="$RUN_DIR/redis-password"
VERSION="$THEMEPRESS_VERSION"

# Start order: the registry first, the gateway (the door users knock on) last.
MODULES=(addon-server addon-runtime widget-renderer api-gateway)
declare -A DEFAULT_PORT=([api-gateway]=8080 [addon-server]=8081 [addon-runtime]=8082 [widget-renderer]=8083)

# The services' JVM flags (JVM_OPTS, per-service SERVICE_OPTS); the widget benchmark uses the same.
# shellcheck source=scripts/lib/jvm-flags.sh
source "$ROOT/scripts/lib/jvm-flags.sh"
RSS_LIMIT_KB=$((256 * 1024))
STOP_TIMEOUT=30
RESTART_BACKOFF_MAX="${THEMEPRESS_RESTART_BACKOFF_MAX:-60}"
[[ "$RESTART_BACKOFF_MAX" =~ ^[1-9][0-9]*$ ]] || die "THEMEPRESS_RESTART_BACKOFF_MAX must be a whole number of seconds, at least 1 (is '$RESTART_BACKOFF_MAX')"
# A run this long counts as stable: the next restart waits 1 s again.
STABLE_AFTER_S=300

# --- small facts ------------------------------------------------------------------

port_var() {
  local var="THEMEPRESS_PORT_${1//-/_}"
  printf '%s' "${var^^}"
}

port_of() {
  local var
  var="$(port_var "$1")"
  printf '%s' "${!var:-${DEFAULT_PORT[$1]}}"
}

jar_of() { printf '%s/%s/target/%s-%s.jar' "$ROOT" "$1" "$1" "$VERSION"; }
pid_file() { printf '%s/%s.pid' "$RUN_DIR" "$1"; }
supervisor_pid_file() { printf '%s/%s.supervisor.pid' "$RUN_DIR" "$1"; }
restarts_file() { printf '%s/%s.restarts' "$RUN_DIR" "$1"; }
log_file() { printf '%s/%s.log' "$LOG_DIR" "$1"; }
health_url() { printf 'http://127.0.0.1:%s/actuator/health' "$(port_of "$1")"; }

# The pid of a running service, or nothing. A pid is only believed when that process is
# still our java with our jar: pids are reused after a reboot or a crash.
running_pid() {
  local file pid
  file="$(pid_file "$1")"
  [[ -f "$file" ]] || return 1
  pid="$(<"$file")"
  if [[ "$pid" =~ ^[0-9]+$ ]] && [[ -r "/proc/$pid/cmdline" ]] \
    && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$(basename "$(jar_of "$1")")"; then
    printf '%s' "$pid"
    return 0
  fi
  rm -f "$file" # stale
  return 1
}

# The pid of the service's supervisor, or nothing; believed only while it is still this script's.
running_supervisor() {
  local file pid
  file="$(supervisor_pid_file "$1")"
  [[ -f "$file" ]] || return 1
  pid="$(<"$file")"
  if [[ "$pid" =~ ^[0-9]+$ ]] && [[ -r "/proc/$pid/cmdline" ]] \
    && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "platform.sh supervise $1 "; then
    printf '%s' "$pid"
    return 0
  fi
  rm -f "$file" # stale
  return 1
}

# Up in some form: the service runs, or its supervisor is about to start it again.
is_up() {
  running_pid "$1" >/dev/null || running_supervisor "$1" >/dev/null
}

any_running() {
  local module
  for module in "${MODULES[@]}"; do
    is_up "$module" && return 0
  done
  return 1
}

# The modules that are not up, in start order.
stopped_modules() {
  local module
  for module in "${MODULES[@]}"; do
    is_up "$module" || printf '%s\n' "$module"
  done
}

rss_kb() {
  awk '/^VmRSS:/ { print $2 }' "/proc/$1/status" 2>/dev/null || true
}

is_healthy() {
  curl -fsS --max-time 3 "$(health_url "$1")" 2>/dev/null | grep -q '"status":"UP"'
}

# True when something already listens on the port.
port_taken() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# "(by java, pid 123)" when ss can tell, else nothing.
who_listens() {
  local users
  have ss || return 0
  users="$(ss -ltnpH "sport = :$1" 2>/dev/null | grep -o 'users:(("[^"]*",pid=[0-9]*' | head -n 1 || true)"
  [[ -n "$users" ]] || return 0
  users="${users#users:((\"}"
  printf '(by %s, pid %s)' "${users%%\"*}" "${users##*pid=}"
}

# --- admin key ----------------------------------------------------------------------

# Sets ADMIN_KEY. The env var wins; otherwise a key generated once and kept in .run/admin-key (mode
# 600) so that it stays the same across restarts. ADMIN_KEY_NEW=1 when it was generated now: only
# then is it printed, once; later starts say where it is kept.
load_admin_key() {
  ADMIN_KEY_NEW=0
  if [[ -n "${THEMEPRESS_KEYS_ADMIN_KEY:-}" ]]; then
    ADMIN_KEY="$THEMEPRESS_KEYS_ADMIN_KEY"
    return 0
  fi
  if [[ ! -s "$ADMIN_KEY_FILE" ]]; then
    local key
    if have openssl; then
      key="tpadmin_$(openssl rand -hex 24)"
    else
      key="tpadmin_$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
    fi
    write_secret "$ADMIN_KEY_FILE" "$key"
    ADMIN_KEY_NEW=1
    log "generated an admin key into ${ADMIN_KEY_FILE#"$ROOT"/} (mode 600; printed this once, below)"
  fi
  chmod 600 "$ADMIN_KEY_FILE"
  ADMIN_KEY="$(head -n 1 "$ADMIN_KEY_FILE")"
}

# The welcome's admin-key line: the key itself only on the start that made it.
admin_key_notice() {
  if [[ -n "${THEMEPRESS_KEYS_ADMIN_KEY:-}" ]]; then
    printf 'from THEMEPRESS_KEYS_ADMIN_KEY'
  elif ((ADMIN_KEY_NEW)); then
    printf '%s   (new; printed only now, kept in %s)' "$ADMIN_KEY" "${ADMIN_KEY_FILE#"$ROOT"/}"
  else
    printf 'kept in %s (printed only when it was made)' "${ADMIN_KEY_FILE#"$ROOT"/}"
  fi
}

# How the welcome's example refers to the key, without spelling it out.
# shellcheck disable=SC2016 # printed for the reader's shell to expand
admin_key_reference() {
  if [[ -n "${THEMEPRESS_KEYS_ADMIN_KEY:-}" ]]; then
    printf '%s' '$THEMEPRESS_KEYS_ADMIN_KEY'
  else
    printf '$(cat %s)' "${ADMIN_KEY_FILE#"$ROOT"/}"
  fi
}

# .run/ (pids, logs, secrets) and .data/ (the store) for the owner only; then the admin key.
prepare_state() {
  secure_dirs "$RUN_DIR" "$LOG_DIR" "$ROOT/.data" "$DATA_DIR"
  load_admin_key
}

# --- service key --------------------------------------------------------------------

# The secret the services require of each other (X-Service-Key) and the gateway sends on: the env var
# wins, otherwise one generated once and kept (mode 600), so that a service restarted alone still fits.
service_key() {
  if [[ -n "${THEMEPRESS_SERVICE_KEY:-}" ]]; then
    printf '%s' "$THEMEPRESS_SERVICE_KEY"
    return 0
  fi
  if [[ ! -s "$SERVICE_KEY_FILE" ]]; then
    mkdir -p "$RUN_DIR"
    (umask 077 && head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$SERVICE_KEY_FILE" && printf '\n' >>"$SERVICE_KEY_FILE")
    log "generated a service key into ${SERVICE_KEY_FILE#"$ROOT"/} (kept for later starts)"
  fi
  chmod 600 "$SERVICE_KEY_FILE"
  head -n 1 "$SERVICE_KEY_FILE"
}

# --- start ------------------------------------------------------------------------------

check_java() {
  have java || die "no 'java' on PATH: install a JDK 17 (apt-get install openjdk-17-jdk-headless)."
  local major
  major="$(java -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ { print $2 }')"
  [[ "${major%%.*}" -ge 17 ]] 2>/dev/null || die "'java' on PATH is version '$major'; the services need 17 or later."
}

build_jars() {
  local start
  start="$(now_ms)"
  log "building the jars (./mvnw -q -B -DskipTests package; --no-build skips this)"
  (cd "$ROOT" && ./mvnw -q -B -DskipTests package) || die "the build failed (see above)."
  log "built in $(elapsed_since "$start")"
}

# Checked for every service before any starts, so that a problem leaves nothing half started.
check_can_launch() {
  local module port
  for module in "$@"; do
    [[ -f "$(jar_of "$module")" ]] || die "$(jar_of "$module") is missing: build it (run without --no-build)."
    port="$(port_of "$module")"
    if port_taken "$port"; then
      die "port $port for $module is already taken $(who_listens "$port"): stop that process, or move the service with $(port_var "$module")=<port>."
    fi
  done
}

# Each service is told where the others are, so that moved ports (THEMEPRESS_PORT_*) work.
service_args() {
  local module="$1" other
  printf '%s\n' "--server.port=$(port_of "$module")"
  for other in "${MODULES[@]}"; do
    printf '%s\n' "--themepress.services.$other=http://127.0.0.1:$(port_of "$other")"
  done
  # The services' own names for where their upstreams are.
  case "$module" in
    addon-server)
      printf '%s\n' "--themepress.storage.data-dir=$DATA_DIR"
      printf '%s\n' "--themepress.runtime-client.url=http://127.0.0.1:$(port_of addon-runtime)"
      ;;
    widget-renderer)
      printf '%s\n' "--themepress.upstreams.addon-server=http://127.0.0.1:$(port_of addon-server)"
      printf '%s\n' "--themepress.runtime-client.url=http://127.0.0.1:$(port_of addon-runtime)"
      ;;
    addon-runtime)
      # where the host API (docs/host-api.md) relays addon containers' requests
      printf '%s\n' "--themepress.runtime.host-api.addon-server=http://127.0.0.1:$(port_of addon-server)"
      # where WebAssembly modules are fetched by their SHA-256 (docs/wasm.md)
      printf '%s\n' "--themepress.runtime.wasm.module-source=http://127.0.0.1:$(port_of addon-server)"
      ;;
  esac
}

# Starts the service's supervisor, which starts the service (and starts it again should it die).
launch() {
  local module="$1" pid log
  log="$(log_file "$module")"
  rm -f "$(pid_file "$module")"
  # setsid + nohup: the service outlives this script and its terminal, and a Ctrl-C here
  # does not reach it. Only addon-server gets the admin key.
  (
    cd "$ROOT"
    if [[ "$module" == "addon-server" ]]; then
      export THEMEPRESS_KEYS_ADMIN_KEY="$ADMIN_KEY"
    else
      unset THEMEPRESS_KEYS_ADMIN_KEY
    fi
    # every service: the three behind the gateway require it, the gateway sends it
    export THEMEPRESS_SERVICE_KEY="$SERVICE_KEY"
    # from the environment, so that no other user sees it in ps
    export SPRING_DATA_REDIS_PASSWORD="$REDIS_PASSWORD"
    exec setsid nohup bash "$ROOT/platform.sh" supervise "$module" >>"$LOG_DIR/supervisor.log" 2>&1 </dev/null
  ) &
  pid=$!
  printf '%s\n' "$pid" >"$(supervisor_pid_file "$module")"
  STARTED_AT[$module]="$(now_ms)"
  log "started $module (supervisor pid $pid, port $(port_of "$module"), log ${log#"$ROOT"/})"
}

# The supervisor ("platform.sh supervise <module>", started by launch): runs the service in the
# foreground and, when it dies, starts it again after a growing pause, logged and counted. A SIGTERM
# (stop) is passed on to the service, and the supervisor ends with it.
do_supervise() {
  local module="$1" jar log rc started ran delay=1 restarts=0 note
  local -a args=() own=()
  jar="$(jar_of "$module")"
  log="$(log_file "$module")"
  mapfile -t args < <(service_args "$module")
  read -r -a own <<<"$(service_jvm_opts "$module")"
  printf '0\n' >"$(restarts_file "$module")"
  STOPPING=0
  CHILD=""
  trap 'STOPPING=1; [[ -n "$CHILD" ]] && kill -TERM "$CHILD" 2>/dev/null' TERM INT
  while :; do
    [[ -f "$log" ]] && mv -f "$log" "$log.prev"
    java "${JVM_OPTS[@]}" "${own[@]}" -jar "$jar" "${args[@]}" >"$log" 2>&1 </dev/null &
    CHILD=$!
    printf '%s\n' "$CHILD" >"$(pid_file "$module")"
    started="$(now_ms)"
    rc=0
    # a trapped signal ends wait early: wait on until the service has really ended
    while kill -0 "$CHILD" 2>/dev/null; do
      wait "$CHILD" || rc=$?
    done
    CHILD=""
    ((STOPPING)) && exit 0
    ran=$((($(now_ms) - started) / 1000))
    ((ran >= STABLE_AFTER_S)) && delay=1
    restarts=$((restarts + 1))
    printf '%s\n' "$restarts" >"$(restarts_file "$module")"
    note="$(date -u +%FT%TZ) platform.sh: $module exited (status $rc) after $ran s; restart $restarts in $delay s"
    printf '%s\n' "$note" >>"$log"
    printf '%s\n' "$note"
    sleep "$delay" &
    wait $! || true
    ((STOPPING)) && exit 0
    delay=$((delay * 2 > RESTART_BACKOFF_MAX ? RESTART_BACKOFF_MAX : delay * 2))
  done
}

# Waits for UP; on failure shows why and stops everything, so no half platform is left.
wait_healthy() {
  local module="$1" limit="${THEMEPRESS_START_TIMEOUT:-120}" pid
  while ! is_healthy "$module"; do
    if ! running_supervisor "$module" >/dev/null; then
      fail_start "$module" "exited during start-up"
    fi
    if ! pid="$(running_pid "$module")" && (($(now_ms) - ${STARTED_AT[$module]} > 5000)); then
      fail_start "$module" "exited during start-up"
    fi
    if (($(now_ms) - ${STARTED_AT[$module]} > limit * 1000)); then
      fail_start "$module" "was not healthy at $(health_url "$module") within ${limit} s"
    fi
    sleep 1
  done
  log "$module is UP ($(elapsed_since "${STARTED_AT[$module]}") after its start)"
}

fail_start() {
  local module="$1" why="$2"
  warn "$module $why. The last lines of $(log_file "$module"):"
  tail -n 40 "$(log_file "$module")" >&2 || true
  if ((${#RUNNING_BEFORE[@]} == 0)); then
    stop_all >&2 || true
    die "$module $why; the platform was stopped again."
  fi
  # the services that ran before this start keep running
  stop_all "${STARTING[@]}" >&2 || true
  die "$module $why; what this start started was stopped again."
}

do_start() {
  local build=1 arg module
  for arg in "$@"; do
    case "$arg" in
      --no-build) build=0 ;;
      *) die "unknown option '$arg' (start takes --no-build)" ;;
    esac
  done
  declare -ga STARTING=() RUNNING_BEFORE=()
  mapfile -t STARTING < <(stopped_modules)
  if ((${#STARTING[@]} == 0)); then
    log "the platform is already running:"
    do_status || true
    return 0
  fi
  for module in "${MODULES[@]}"; do
    is_up "$module" && RUNNING_BEFORE+=("$module")
  done
  local start
  start="$(now_ms)"
  check_java
  # Docker (addon containers), Redis (rate limits, events, cache) and the JRE base image that
  # addon images are built FROM; all idempotent.
  bash "$ROOT/scripts/lib/provision.sh"
  bash "$ROOT/scripts/lib/images.sh" jre-base
  if ((${#RUNNING_BEFORE[@]} > 0)); then
    # a build would rewrite the jars the running services read classes from
    log "running: ${RUNNING_BEFORE[*]}; not running: ${STARTING[*]}: starting those, without a build"
  elif ((build)); then
    build_jars
  fi
  # The example addons' images, so the seed addons run out of the box (skipped when up to date).
  bash "$ROOT/examples/build-images.sh"
  check_can_launch "${STARTING[@]}"
  prepare_state
  SERVICE_KEY="$(service_key)"
  REDIS_PASSWORD="$(redis_password)"
  (umask 077 && printf '%s\n' "$REDIS_PASSWORD" >"$REDIS_PASSWORD_FILE")
  declare -gA STARTED_AT=()
  # addon-server first: the others look things up in its registry.
  if [[ "${STARTING[0]}" == addon-server ]]; then
    launch addon-server
    wait_healthy addon-server
  fi
  for module in "${STARTING[@]}"; do
    [[ "$module" == addon-server ]] || launch "$module"
  done
  for module in "${STARTING[@]}"; do
    [[ "$module" == addon-server ]] || wait_healthy "$module"
  done
  log "the platform is up ($(elapsed_since "$start") in all)"
  print_rss
  DEMO_URL="$(set_up_demo)"
  print_welcome
}

# The example addons registered and the site "demo" with them installed (scripts/demo.sh; harmless to
# repeat, its keys kept in .run/demo/). A failure here leaves the platform running and says why.
set_up_demo() {
  if ! THEMEPRESS_KEYS_ADMIN_KEY="$ADMIN_KEY" bash "$ROOT/scripts/demo.sh" --state "$RUN_DIR/demo" \
    "http://127.0.0.1:$(port_of api-gateway)"; then
    warn "the demo site was not set up (see above); the platform runs without it. Retry: THEMEPRESS_KEYS_ADMIN_KEY=... scripts/demo.sh http://127.0.0.1:$(port_of api-gateway)"
  fi
}

print_rss() {
  local module pid kb note
  log "resident memory (VmRSS) right after start; the goal is at most 256 MB each at idle:"
  for module in "${MODULES[@]}"; do
    pid="$(running_pid "$module")" || continue
    kb="$(rss_kb "$pid")"
    note=""
    ((${kb:-0} > RSS_LIMIT_KB)) && note="  <-- over 256 MB"
    info "$(printf '%-16s %6d MB%s' "$module" "$((${kb:-0} / 1024))" "$note")"
  done
}

print_welcome() {
  local gw
  gw="http://127.0.0.1:$(port_of api-gateway)"
  cat <<EOF

ThemePress is running.
  API (gateway):    $gw
  console:          $gw/console/ (sign in with the admin key, a developer key or a site's secret key)
  addon-server:     http://127.0.0.1:$(port_of addon-server)
  addon-runtime:    http://127.0.0.1:$(port_of addon-runtime)
  widget-renderer:  http://127.0.0.1:$(port_of widget-renderer)
  health, metrics:  <service>/actuator/health, <service>/actuator/prometheus (all but health want
                    -H "X-Service-Key: \$(cat .run/service-key)"; all but the gateway listen on loopback only)
  logs:             .run/logs/<module>.log
  admin key:        $(admin_key_notice)
  demo page:        ${DEMO_URL:-not set up (see the warning above)}
                    (site "demo" with the example addons; its keys: .run/demo/site-keys, the examples
                    developer's key: .run/demo/examples-key)

Try it (create a developer key, then browse the registry):
  curl -s -X POST $gw/api/keys -H "X-API-Key: $(admin_key_reference)" -H 'Content-Type: application/json' -d '{"developer": "acme"}'
  curl -s $gw/api/addons

Stop it with ./platform.sh (or ./platform.sh stop).
EOF
}

# --- stop -----------------------------------------------------------------------------

# SIGTERM to all (or the modules named): each supervisor passes it to its service (Spring shuts down
# gracefully) and ends with it; up to 30 s, then SIGKILL what is left.
stop_all() {
  local module pid start
  local -A pids=() supervisors=()
  (($# > 0)) || set -- "${MODULES[@]}"
  for module in "$@"; do
    pid="$(running_pid "$module")" && pids[$module]="$pid"
    pid="$(running_supervisor "$module")" && supervisors[$module]="$pid"
  done
  if ((${#pids[@]} == 0 && ${#supervisors[@]} == 0)); then
    log "the platform is not running"
    return 0
  fi
  start="$(now_ms)"
  log "stopping $(printf '%s\n' "${!pids[@]}" "${!supervisors[@]}" | sort -u | tr '\n' ' ')(SIGTERM, up to ${STOP_TIMEOUT} s)"
  # supervisors first, so that none starts its service again
  for module in "${!supervisors[@]}"; do
    kill -TERM "${supervisors[$module]}" 2>/dev/null || true
  done
  for module in "${!pids[@]}"; do
    kill -TERM "${pids[$module]}" 2>/dev/null || true
  done
  while (($(now_ms) - start < STOP_TIMEOUT * 1000)); do
    for module in "${!pids[@]}"; do
      kill -0 "${pids[$module]}" 2>/dev/null || unset "pids[$module]"
    done
    for module in "${!supervisors[@]}"; do
      kill -0 "${supervisors[$module]}" 2>/dev/null || unset "supervisors[$module]"
    done
    ((${#pids[@]} == 0 && ${#supervisors[@]} == 0)) && break
    sleep 0.5
  done
  for module in "${!supervisors[@]}"; do
    kill -KILL "${supervisors[$module]}" 2>/dev/null || true
  done
  for module in "${!pids[@]}"; do
    warn "$module (pid ${pids[$module]}) did not stop within ${STOP_TIMEOUT} s: SIGKILL"
    kill -KILL "${pids[$module]}" 2>/dev/null || true
  done
  for module in "$@"; do
    rm -f "$(pid_file "$module")" "$(supervisor_pid_file "$module")"
  done
  log "the platform is stopped ($(elapsed_since "$start"))"
}

# --- status ---------------------------------------------------------------------------

restarts_of() {
  cat "$(restarts_file "$1")" 2>/dev/null || printf '0'
}

# Exit 0 when every service runs and is healthy, 3 (as LSB) when none runs, 1 otherwise.
do_status() {
  local module pid up=0 healthy=0 state
  for module in "${MODULES[@]}"; do
    if pid="$(running_pid "$module")"; then
      up=$((up + 1))
      if is_healthy "$module"; then
        healthy=$((healthy + 1))
        state="UP"
      else
        state="running, not healthy"
      fi
      printf '%-16s %-22s pid %-7s port %-5s rss %4d MB  restarts %s%s\n' "$module" "$state" "$pid" \
        "$(port_of "$module")" "$(($(rss_kb "$pid") / 1024))" "$(restarts_of "$module")" \
        "$(running_supervisor "$module" >/dev/null || printf '  (unsupervised)')"
    elif running_supervisor "$module" >/dev/null; then
      up=$((up + 1))
      printf '%-16s %-22s port %-5s restarts %s\n' "$module" "restarting" "$(port_of "$module")" "$(restarts_of "$module")"
    else
      printf '%-16s %-22s port %s\n' "$module" "stopped" "$(port_of "$module")"
    fi
  done
  ((healthy == ${#MODULES[@]})) && return 0
  ((up == 0)) && return 3
  return 1
}

usage() {
  sed -n '2,31p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

main() {
  local command="toggle"
  # No command, or only options (./platform.sh --no-build): start-or-stop.
  if (($# > 0)) && [[ "$1" != --* ]]; then
    command="$1"
    shift
  fi
  case "$command" in
    toggle)
      if any_running; then
        log "the platform is running: stopping it (./platform.sh start starts it)"
        stop_all
      else
        do_start "$@"
      fi
      ;;
    start) do_start "$@" ;;
    stop) stop_all ;;
    restart)
      stop_all
      do_start "$@"
      ;;
    status) do_status ;;
    # internal: the supervisor launch() starts for one service
    supervise) do_supervise "$1" ;;
    -h | --help | help) usage ;;
    *)
      usage >&2
      exit 2
      ;;
  esac
}

main "$@"

#!/usr/bin/env bash
# Makes this machine able to run and test the platform: a Docker engine, Redis,
# a static busybox (for the offline alpine:3.17 image), Chromium (browser tests), curl, a
# JDK 17 with jlink, Node.js with npm (the console and the WebAssembly example are built with npm
# packages), and for the ops tests docker-compose and Prometheus (with promtool).
#
# Idempotent: what is installed is not installed again, and what is running is not
# started again. Works with or without systemd: on this project's Debian machines
# there is none, so the daemons are started in the background here.
#
#   scripts/lib/provision.sh            # provision everything
#   source scripts/lib/provision.sh     # only define the functions; then call provision_all
#
# Settings (environment):
#   THEMEPRESS_DOCKER_WAIT   seconds to wait for `docker info` after starting dockerd (60)
#   THEMEPRESS_REDIS_PORT    port of the Redis we expect or start on 127.0.0.1 (6379)
#   THEMEPRESS_REDIS_PASSWORD  the password of a Redis you run yourself; otherwise the Redis started
#                            here gets one, generated once into <state dir>/redis/password (mode 600)

# shellcheck source=scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

THEMEPRESS_REDIS_PORT="${THEMEPRESS_REDIS_PORT:-6379}"

# --- checks -------------------------------------------------------------------

# `docker info` as the current user. A wedged daemon can make it hang, hence timeout.
docker_answers() {
  have docker && timeout 15 docker info >/dev/null 2>&1
}

# The same as root: tells "no engine" apart from "this user may not use the socket".
docker_answers_as_root() {
  have docker && as_root timeout 15 docker info >/dev/null 2>&1
}

# The password goes through the environment (REDISCLI_AUTH), never the command line, where
# every local user could read it in ps.
redis_cli() {
  REDISCLI_AUTH="$(redis_password)" timeout 5 redis-cli -h 127.0.0.1 -p "$THEMEPRESS_REDIS_PORT" "$@" 2>/dev/null
}

redis_answers() {
  have redis-cli || return 1
  [[ "$(redis_cli ping)" == "PONG" ]]
}

# Answers without any password: a Redis that anyone on this machine (and any container that
# reaches the host) could read and write.
redis_is_open() {
  have redis-cli || return 1
  [[ "$(timeout 5 redis-cli -h 127.0.0.1 -p "$THEMEPRESS_REDIS_PORT" ping 2>/dev/null)" == "PONG" ]]
}


# Debian's busybox package is dynamically linked; the image needs the static one,
# because the image has no libc.
static_busybox_path() {
  local path
  path="$(dpkg-query -L busybox-static 2>/dev/null | grep -E '/bin/busybox$' | head -n 1 || true)"
  [[ -n "$path" && -x "$path" ]] || return 1
  printf '%s' "$path"
}

# --- packages -----------------------------------------------------------------

# Prints "package|why" lines for what is missing.
missing_packages() {
  if ! have dockerd && ! docker_answers; then
    echo "docker.io|the addon runtime runs addon containers and the tests start containers: a Docker engine is needed"
  elif ! have docker; then
    echo "docker.io|a Docker engine runs but there is no docker CLI to build the local images with"
  fi
  if ! have redis-server && ! redis_answers; then
    echo "redis-server|the gateway's rate limiter, the event bus and the widget cache use Redis"
  elif ! have redis-cli; then
    echo "redis-tools|redis-cli is needed to check that Redis answers"
  fi
  if ! static_busybox_path >/dev/null; then
    echo "busybox-static|the offline alpine:3.17 image (Testcontainers' startup check) is built from a static busybox"
  fi
  if ! have chromium; then
    echo "chromium|the browser tests (widget-renderer, integration-tests) embed widgets in a page in headless Chromium"
  fi
  if ! have curl; then
    echo "curl|platform.sh asks each service's /actuator/health"
  fi
  if ! jdk17_home >/dev/null; then
    echo "openjdk-17-jdk-headless|the themepress/jre-base:17 image is made with jlink from a JDK 17 with jmods"
  fi
  if ! have docker-compose; then
    echo "docker-compose|the compose test brings the platform up with docker-compose.yml (scripts/ops/compose-test.sh)"
  fi
  if ! have node; then
    echo "nodejs|the build compiles the console's front end and the WebAssembly example (AssemblyScript) with npm packages"
  fi
  if ! have npm; then
    echo "npm|the build installs the console's and the WebAssembly example's npm packages from their lockfiles"
  fi
  if ! have prometheus || ! have promtool; then
    echo "prometheus|the Prometheus tests scrape the platform and check the alert rules (scripts/ops/*-test.sh)"
  fi
}

apt_install() {
  have apt-get || die "missing packages ($*) and no apt-get: install them by hand."
  if [[ "$(id -u)" -ne 0 ]] && ! have sudo; then
    die "missing packages ($*): run this as root (or with sudo) once so that they can be installed."
  fi
  log "apt-get update (once, so that the package lists are current)"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 \
    || die "apt-get update failed: the Debian package mirror must be reachable to install $*."
  log "apt-get install -y $*"
  as_root env DEBIAN_FRONTEND=noninteractive NEEDRESTART_SUSPEND=1 apt-get install -y -qq -o Dpkg::Use-Pty=0 "$@" >&2 \
    || die "apt-get install $* failed (see above)."
}

provision_packages() {
  local line pkgs=()
  while IFS= read -r line; do
    [[ -n "$line" ]] || continue
    log "will install ${line%%|*}: ${line#*|}"
    pkgs+=("${line%%|*}")
  done < <(missing_packages)
  if ((${#pkgs[@]} == 0)); then
    log "packages: docker, redis, static busybox, curl, a JDK 17 with jlink, node and npm, docker-compose and prometheus are all present"
    return 0
  fi
  apt_install "${pkgs[@]}"
}

# --- Docker engine ------------------------------------------------------------

start_dockerd() {
  local logfile
  logfile="$(log_dir)/themepress-dockerd.log"
  have dockerd || die "dockerd is not installed, and no Docker engine answers."
  if have pgrep && pgrep -x dockerd >/dev/null; then
    log "dockerd is already running but does not answer yet: waiting for it"
  else
    log "starting dockerd in the background (no systemd here); its log: $logfile"
    # setsid: the daemon outlives this script and ignores the terminal's Ctrl-C.
    # shellcheck disable=SC2016 # $1 is expanded by the inner sh, on purpose
    as_root sh -c 'setsid nohup dockerd --log-level=warn >>"$1" 2>&1 </dev/null &' sh "$logfile"
  fi
  wait_for_docker "$logfile"
}

wait_for_docker() {
  local logfile="$1" limit="${THEMEPRESS_DOCKER_WAIT:-60}" start
  start="$(now_ms)"
  while ! docker_answers_as_root; do
    if (($(now_ms) - start > limit * 1000)); then
      warn "the last lines of $logfile:"
      as_root tail -n 30 "$logfile" >&2 || true
      die "the Docker engine did not answer 'docker info' within ${limit} s."
    fi
    sleep 1
  done
  log "Docker engine answers ($(elapsed_since "$start"))"
}

provision_docker() {
  if docker_answers; then
    log "Docker engine: answering ($(docker version --format 'server {{.Server.Version}}, API {{.Server.APIVersion}}' 2>/dev/null || echo '?'))"
    return 0
  fi
  if [[ "$(id -u)" -ne 0 ]] && ! have sudo; then
    if [[ -S /var/run/docker.sock ]]; then
      die "a Docker engine seems to run, but user '$(id -un)' cannot use /var/run/docker.sock: add it to the 'docker' group (usermod -aG docker $(id -un), then log in again) or run as root."
    fi
    die "no Docker engine answers, and starting dockerd needs root: run this once as root (or with sudo)."
  fi
  if ! docker_answers_as_root; then
    start_dockerd
  fi
  # The engine runs; the tests and image builds talk to it as this user.
  docker_answers || die "the Docker engine runs, but user '$(id -un)' cannot use /var/run/docker.sock: add it to the 'docker' group (sudo usermod -aG docker $(id -un), then log in again) or run as root."
}

# --- Redis ----------------------------------------------------------------------

provision_redis() {
  if redis_answers; then
    if redis_is_open; then
      if ! stop_our_open_redis; then
        log "warning: the Redis on 127.0.0.1:$THEMEPRESS_REDIS_PORT has no password and is not ours to change; set requirepass on it and pass it as THEMEPRESS_REDIS_PASSWORD"
        return 0
      fi
    else
      log "Redis: answering on 127.0.0.1:$THEMEPRESS_REDIS_PORT (password required)"
      # The event bus acknowledges a publish once Redis has it; without the append-only file a
      # Redis restart loses what came after the last snapshot. Not ours to reconfigure: say so.
      if [[ "$(redis_cli config get appendonly | tail -n 1)" == "no" ]]; then
        log "warning: this Redis runs without appendonly; acknowledged events can be lost if it restarts (redis-cli config set appendonly yes)"
      fi
      # An evicting policy deletes whole keys at maxmemory, the event stream among them (docs/event-bus.md).
      local policy
      policy="$(redis_cli config get maxmemory-policy | tail -n 1)"
      if [[ -n "$policy" && "$policy" != "noeviction" ]]; then
        log "warning: this Redis evicts keys at maxmemory ($policy); events can be lost (redis-cli config set maxmemory-policy noeviction)"
      fi
      return 0
    fi
  elif redis_is_open || [[ "$(timeout 5 redis-cli -h 127.0.0.1 -p "$THEMEPRESS_REDIS_PORT" ping 2>&1)" == *NOAUTH* ]]; then
    die "a Redis on 127.0.0.1:$THEMEPRESS_REDIS_PORT wants another password: pass it as THEMEPRESS_REDIS_PASSWORD, or move ours with THEMEPRESS_REDIS_PORT."
  fi
  have redis-server || die "redis-server is not installed, and nothing answers on 127.0.0.1:$THEMEPRESS_REDIS_PORT."
  local dir logfile conf
  dir="$(state_dir)/redis"
  logfile="$(log_dir)/themepress-redis.log"
  conf="$dir/redis.conf"
  mkdir -p "$dir" "$(dirname "$logfile")"
  chmod 700 "$dir"
  log "starting redis-server on 127.0.0.1:$THEMEPRESS_REDIS_PORT (daemonized, with a password; data in $dir, log in $logfile)"
  # Loopback only: nothing outside this machine needs it. Data goes to our own folder. The
  # append-only file, fsynced before Redis answers, keeps every acknowledged event through a crash:
  # with fsync every second Redis answers while a slow fsync holds back the write, and a SIGKILL then
  # lost an acknowledged event (docs/event-bus.md). The password sits in a mode-600 config file, not
  # on the command line.
  (
    umask 077
    cat >"$conf" <<CONF
bind 127.0.0.1
port $THEMEPRESS_REDIS_PORT
daemonize yes
dir $dir
dbfilename themepress.rdb
appendonly yes
appendfsync always
logfile $logfile
pidfile $dir/redis.pid
requirepass $(redis_password)
CONF
  )
  redis-server "$conf" || die "redis-server did not start (see $logfile)."
  local tries=0
  while ((tries++ < 50)); do
    if redis_answers; then
      log "Redis answers"
      return 0
    fi
    sleep 0.2
  done
  tail -n 20 "$logfile" >&2 || true
  die "redis-server started but does not answer PING on 127.0.0.1:$THEMEPRESS_REDIS_PORT (is the port taken?)."
}

# A Redis we started before passwords existed: stopped (its append-only file keeps the data), so
# that it comes back with one. Any other open Redis is left alone (returns 1).
stop_our_open_redis() {
  local pidfile pid
  pidfile="$(state_dir)/redis/redis.pid"
  [[ -s "$pidfile" ]] || return 1
  pid="$(cat "$pidfile")"
  kill -0 "$pid" 2>/dev/null || return 1
  log "the Redis started here earlier has no password: restarting it with one"
  timeout 10 redis-cli -h 127.0.0.1 -p "$THEMEPRESS_REDIS_PORT" shutdown >/dev/null 2>&1 || true
  local tries=0
  while ((tries++ < 50)) && kill -0 "$pid" 2>/dev/null; do
    sleep 0.2
  done
  ! kill -0 "$pid" 2>/dev/null
}

# --- all ------------------------------------------------------------------------

provision_all() {
  local start
  start="$(now_ms)"
  log "provisioning this machine for ThemePress"
  provision_packages
  provision_docker
  provision_redis
  log "provisioned in $(elapsed_since "$start")"
}

# Run, not sourced: do everything.
if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  set -euo pipefail
  provision_all "$@"
fi

# shellcheck shell=bash
# Helpers shared by platform.sh, test.sh and the scripts under scripts/.
# Sourced only: it defines functions and a few variables and runs nothing.

# Guard against double sourcing (provision.sh and images.sh both source this file).
if [[ -n "${THEMEPRESS_COMMON_SH:-}" ]]; then
  return 0
fi
THEMEPRESS_COMMON_SH=1

# The repository root: scripts/lib/ is two levels below it.
THEMEPRESS_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export THEMEPRESS_ROOT

# The platform's version, which names every jar: the parent pom's own <version> (the first one
# after its <parent> block). Read with sed, because mvn help:evaluate starts a JVM for seconds.
THEMEPRESS_VERSION="$(sed -n '/<\/parent>/,/<version>/s:.*<version>\(.*\)</version>.*:\1:p' "$THEMEPRESS_ROOT/pom.xml" | head -n 1)"
export THEMEPRESS_VERSION

# Messages go to stderr so that functions can still return values on stdout.
log() { printf '==> %s\n' "$*" >&2; }
info() { printf '    %s\n' "$*" >&2; }
warn() { printf 'WARNING: %s\n' "$*" >&2; }
die() {
  printf 'ERROR: %s\n' "$*" >&2
  exit 1
}

have() { command -v "$1" >/dev/null 2>&1; }

# Milliseconds since the epoch, for the timings we print.
now_ms() { date +%s%3N; }

# "1.234 s" from a start time taken with now_ms.
elapsed_since() {
  local start_ms="$1" end_ms
  end_ms="$(now_ms)"
  awk -v d="$((end_ms - start_ms))" 'BEGIN { printf "%.1f s", d / 1000 }'
}

# Runs a command as root: directly when we are root, through sudo otherwise.
# Without a terminal (CI, no stdin) sudo must not wait for a password, hence -n.
as_root() {
  if [[ "$(id -u)" -eq 0 ]]; then
    "$@"
  elif have sudo; then
    if [[ -t 0 ]]; then
      sudo "$@"
    else
      sudo -n "$@"
    fi
  else
    die "'$*' needs root, and this user is not root and has no sudo. Run the command as root."
  fi
}

# Where our daemons keep their logs and state: system paths for root, $HOME otherwise,
# so that a non-root user without sudo can still run redis itself.
state_dir() {
  if [[ "$(id -u)" -eq 0 ]]; then
    printf '/var/lib/themepress'
  else
    printf '%s/.local/state/themepress' "$HOME"
  fi
}

redis_password_file() {
  printf '%s/redis/password' "$(state_dir)"
}

# The password the services give Redis (provisioning sets it as requirepass): the operator's
# THEMEPRESS_REDIS_PASSWORD, else ours, made once and kept mode 600 beside the Redis data.
redis_password() {
  if [[ -n "${THEMEPRESS_REDIS_PASSWORD:-}" ]]; then
    printf '%s' "$THEMEPRESS_REDIS_PASSWORD"
    return 0
  fi
  local file
  file="$(redis_password_file)"
  if [[ ! -s "$file" ]]; then
    mkdir -p "$(dirname "$file")"
    (umask 077 && head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$file")
  fi
  chmod 600 "$file"
  head -n 1 "$file"
}

log_dir() {
  if [[ "$(id -u)" -eq 0 ]]; then
    printf '/var/log'
  else
    printf '%s/log' "$(state_dir)"
  fi
}

# A JDK 17 that can jlink: it needs bin/jlink and the jmods/ folder (Debian's
# openjdk-17-jdk-headless has both). THEMEPRESS_JDK wins, then Debian's path, then
# JAVA_HOME (setup-java on CI), then the javac on PATH. Prints the path, or fails.
jdk17_home() {
  local candidates=("${THEMEPRESS_JDK:-}" /usr/lib/jvm/java-17-openjdk-amd64 "${JAVA_HOME:-}")
  if have javac; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")")
  fi
  local dir
  for dir in "${candidates[@]}"; do
    [[ -n "$dir" && -x "$dir/bin/jlink" && -f "$dir/jmods/java.base.jmod" ]] || continue
    grep -q '^JAVA_VERSION="17' "$dir/release" 2>/dev/null || continue
    printf '%s' "$dir"
    return 0
  done
  return 1
}

# Creates each directory (and missing parents) readable by its owner only (0700), and tightens
# one that exists: .run/ holds secrets and logs, .data/ the store with every key's hash.
secure_dirs() {
  local dir
  for dir in "$@"; do
    (umask 077 && mkdir -p "$dir")
    chmod 700 "$dir"
  done
}

# Writes a secret into a file of mode 0600 (never wider, not even for a moment: umask first, and a
# file that existed is replaced, not rewritten in place).
write_secret() {
  local file="$1" value="$2" tmp
  tmp="$(umask 077 && mktemp "$file.XXXXXX")"
  printf '%s\n' "$value" >"$tmp"
  mv -f "$tmp" "$file"
}

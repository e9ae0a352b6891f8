#!/usr/bin/env bash
# Writes what docker-compose.yml needs into .env (mode 600) the first time: the service key, the admin
# key and the Redis password, generated, and DOCKER_GID, the group of the Docker socket the runtime uses.
# An existing .env is kept as it is (delete it to start over; the data volumes keep the old Redis password).
# Also writes .secrets/service-key (the same key; the monitoring profile's Prometheus reads it).
#
#   scripts/compose-env.sh [DIR]     (DIR: where .env and .secrets/ go; the repository root by default)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/lib/common.sh
source "$ROOT/scripts/lib/common.sh"

DIR="${1:-$ROOT}"
ENV_FILE="$DIR/.env"

random_hex() {
  head -c "$1" /dev/urandom | od -An -tx1 | tr -d ' \n'
}

if [[ -s "$ENV_FILE" ]]; then
  log "$ENV_FILE exists: kept"
else
  socket="${DOCKER_SOCKET:-/var/run/docker.sock}"
  gid=0
  if [[ -S "$socket" ]]; then
    gid="$(stat -c %g "$socket")"
  else
    warn "no Docker socket at $socket: DOCKER_GID=0 (set it to the socket's group)"
  fi
  write_secret "$ENV_FILE" "$(printf '%s\n' \
    "# written by scripts/compose-env.sh; docker compose reads it (docker-compose.yml lists every setting)" \
    "THEMEPRESS_SERVICE_KEY=$(random_hex 32)" \
    "THEMEPRESS_ADMIN_KEY=tpadmin_$(random_hex 24)" \
    "THEMEPRESS_REDIS_PASSWORD=$(random_hex 24)" \
    "DOCKER_GID=$gid")"
  log "wrote $ENV_FILE (mode 600): service key, admin key, Redis password, DOCKER_GID=$gid"
fi

# Prometheus reads the key from a file (authorization.credentials_file). The folder keeps other users out;
# the file itself is readable, because the bind mount keeps its mode and Prometheus runs as nobody.
secure_dirs "$DIR/.secrets"
key="$(sed -n 's/^THEMEPRESS_SERVICE_KEY=//p' "$ENV_FILE" | head -n 1)"
[[ -n "$key" ]] || die "$ENV_FILE has no THEMEPRESS_SERVICE_KEY"
(umask 022 && printf '%s\n' "$key" >"$DIR/.secrets/service-key.tmp" && mv -f "$DIR/.secrets/service-key.tmp" "$DIR/.secrets/service-key")
chmod 644 "$DIR/.secrets/service-key"

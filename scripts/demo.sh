#!/usr/bin/env bash
# Sets up the demo on a running platform: registers the example addons (examples/*/manifest.json) as
# the developer "examples", creates the site "demo" with them installed and configured, and prints the
# site's keys the one time they are made. ./platform.sh runs it on every start; running it again is
# harmless (what exists is kept, the site's origins follow the gateway's address).
#
#   scripts/demo.sh [--state DIR] [--public URL] GATEWAY_URL
#
#   GATEWAY_URL   e.g. http://127.0.0.1:8080: the API, and the origin the demo page is served from
#   --public URL  the gateway's address in browsers when it differs from GATEWAY_URL (the compose demo
#                 profile reaches http://api-gateway:8080 and browsers http://localhost:8080): the site's
#                 origins and the printed page use it
#   --state DIR   where the keys are kept, mode 600 (default .run/demo): examples-key (the developer's
#                 key) and site-keys (secret=sk_…, publishable=pk_…)
#   the admin key comes from THEMEPRESS_KEYS_ADMIN_KEY (an environment variable keeps it out of ps)
#
# Prints the demo page's address last, on stdout: GATEWAY_URL/demo/?key=<publishable key>.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/lib/common.sh
source "$ROOT/scripts/lib/common.sh"

SITE=demo
SITE_NAME="Demo shop"
DEVELOPER=examples
EXAMPLES=(payment-gateway inventory email-marketing)

# What the demo site installs: grant (the manifest's permissions it accepts) and config, per addon.
declare -A GRANT=(
  [payment-gateway]='["events.publish","storage.read","storage.write"]'
  [inventory]='["events.publish","events.subscribe","storage.read","storage.write"]'
  [email-marketing]='["events.subscribe","storage.read","storage.write"]'
)
declare -A CONFIG=(
  [payment-gateway]='{"widgets":{"checkout-form":{"title":"Demo checkout","currency":"EUR","amount":25}},"settings":{}}'
  [inventory]='{"widgets":{"stock-display":{"sku":"mug"},"inventory-table":{"title":"Demo stock"}},"settings":{}}'
  [email-marketing]='{"widgets":{"newsletter-signup":{"title":"Demo newsletter"}},"settings":{}}'
)

usage() {
  sed -n '2,18p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

STATE="$ROOT/.run/demo"
GATEWAY=""
PUBLIC=""
while (($# > 0)); do
  case "$1" in
    --state)
      (($# >= 2)) || usage
      STATE="$2"
      shift 2
      ;;
    --public)
      (($# >= 2)) || usage
      PUBLIC="${2%/}"
      shift 2
      ;;
    -h | --help) usage ;;
    -*) usage ;;
    *)
      [[ -z "$GATEWAY" ]] || usage
      GATEWAY="${1%/}"
      shift
      ;;
  esac
done
[[ "$GATEWAY" =~ ^https?://[^/]+$ ]] || usage
PUBLIC="${PUBLIC:-$GATEWAY}"
[[ "$PUBLIC" =~ ^https?://[^/]+$ ]] || usage
ADMIN_KEY="${THEMEPRESS_KEYS_ADMIN_KEY:-}"
[[ -n "$ADMIN_KEY" ]] || die "set THEMEPRESS_KEYS_ADMIN_KEY to the platform's admin key."
have curl || die "the demo needs curl (apt-get install curl)."

secure_dirs "$STATE"
DEVELOPER_KEY_FILE="$STATE/examples-key"
SITE_KEYS_FILE="$STATE/site-keys"
ANSWER="$(umask 077 && mktemp "$STATE/answer.XXXXXX")"
trap 'rm -f "$ANSWER"' EXIT

# --- HTTP -------------------------------------------------------------------------------------

# api METHOD PATH KEY [JSON]: sets STATUS, the answer's body is in $ANSWER. The key goes to curl on
# stdin (a config line), not on its command line, where any user's ps would show it.
api() {
  local method="$1" path="$2" key="$3" body="${4:-}"
  local -a args=(-sS -o "$ANSWER" -w '%{http_code}' -X "$method" --max-time 120 -K -)
  [[ -n "$body" ]] && args+=(-H 'Content-Type: application/json' --data-binary "$body")
  STATUS="$(printf 'header = "X-API-Key: %s"\n' "$key" | curl "${args[@]}" "$GATEWAY$path")" || STATUS=000
}

# The string member NAME of the answer (the first one); the values we read are keys and ids.
member() {
  grep -o "\"$1\":\"[^\"]*\"" "$ANSWER" | head -n 1 | sed 's/^"[^"]*":"\(.*\)"$/\1/'
}

fail() {
  die "$1 answered $STATUS: $(head -c 600 "$ANSWER")"
}

# True when the answer is the problem type NAME (a 409 may also mean a conflict we must not ignore).
problem_is() {
  grep -q "\"type\":\"[^\"]*/problems/$1\"" "$ANSWER"
}

# --- the developer and the addons -------------------------------------------------------------

developer_key() {
  if [[ -s "$DEVELOPER_KEY_FILE" ]]; then
    head -n 1 "$DEVELOPER_KEY_FILE"
    return 0
  fi
  api POST /api/keys "$ADMIN_KEY" "{\"developer\":\"$DEVELOPER\"}"
  [[ "$STATUS" == 201 ]] || fail "POST /api/keys"
  write_secret "$DEVELOPER_KEY_FILE" "$(member key)"
  log "demo: a developer key for '$DEVELOPER' (kept in ${DEVELOPER_KEY_FILE#"$ROOT"/})"
  head -n 1 "$DEVELOPER_KEY_FILE"
}

# 201, or 409 when this version is registered already (an earlier start): both leave it registered.
register() {
  local addon="$1" key="$2" manifest="$ROOT/examples/$1/manifest.json"
  api POST /api/addons/register "$key" "$(<"$manifest")"
  case "$STATUS" in
    201) log "demo: registered $addon" ;;
    409) problem_is version-exists || fail "registering $addon" ;;
    401) die "the key in $DEVELOPER_KEY_FILE was refused (revoked, or the data was reset): delete it and run again." ;;
    *) fail "registering $addon" ;;
  esac
}

# --- the site -----------------------------------------------------------------------------------

# The origins a browser sends for pages of this gateway: for loopback, both of its names.
origins() {
  local scheme="${PUBLIC%%://*}" hostport="${PUBLIC#*://}" port=""
  [[ "$hostport" == *:* ]] && port=":${hostport##*:}"
  case "${hostport%:*}" in
    127.0.0.1 | localhost) printf '["%s://localhost%s","%s://127.0.0.1%s"]' "$scheme" "$port" "$scheme" "$port" ;;
    *) printf '["%s"]' "$PUBLIC" ;;
  esac
}

site_key() {
  [[ -s "$SITE_KEYS_FILE" ]] || return 1
  sed -n "s/^$1=//p" "$SITE_KEYS_FILE" | head -n 1
}

keep_site_keys() {
  write_secret "$SITE_KEYS_FILE" "$(printf 'secret=%s\npublishable=%s' "$1" "$2")"
  SITE_KEYS_NEW=1
}

# Sets SITE_KEYS_NEW=1 when the keys were made now. A site that exists but whose keys this machine no
# longer has (state deleted, data kept) gets both keys rotated with the admin key.
ensure_site() {
  SITE_KEYS_NEW=0
  local secret
  if secret="$(site_key secret)" && [[ -n "$secret" ]]; then
    api GET "/api/sites/$SITE" "$secret"
    case "$STATUS" in
      200)
        # kept keys: the site's origins follow the gateway's address (a PATCH only on a change, each writes audit)
        grep -qF "\"origins\":$(origins)" "$ANSWER" && return 0
        api PATCH "/api/sites/$SITE" "$secret" "{\"origins\":$(origins)}"
        [[ "$STATUS" == 200 ]] || fail "PATCH /api/sites/$SITE"
        log "demo: site '$SITE' now allows $(origins)"
        return 0
        ;;
      401 | 403 | 404) warn "demo: the kept keys of site '$SITE' no longer work (answer $STATUS); making the site or its keys anew" ;;
      *) fail "GET /api/sites/$SITE" ;;
    esac
  fi
  api POST /api/sites "$ADMIN_KEY" "{\"id\":\"$SITE\",\"name\":\"$SITE_NAME\",\"origins\":$(origins)}"
  case "$STATUS" in
    201)
      keep_site_keys "$(member secret)" "$(member publishable)"
      log "demo: created site '$SITE'"
      ;;
    409)
      problem_is already-exists || fail "POST /api/sites"
      rotate_site_keys
      ;;
    *) fail "POST /api/sites" ;;
  esac
}

rotate_site_keys() {
  local ids id kind secret="" publishable=""
  api GET "/api/sites/$SITE/keys" "$ADMIN_KEY"
  [[ "$STATUS" == 200 ]] || fail "GET /api/sites/$SITE/keys"
  ids="$(grep -o '"id":"[^"]*","kind":"[a-z]*","last4":"[^"]*","createdAt":"[^"]*","revokedAt":null' "$ANSWER" \
    | sed 's/^"id":"\([^"]*\)","kind":"\([a-z]*\)".*/\1 \2/')"
  while read -r id kind; do
    [[ -n "$id" ]] || continue
    api POST "/api/sites/$SITE/keys/$id/rotate" "$ADMIN_KEY"
    [[ "$STATUS" == 201 ]] || fail "rotating key $id of site '$SITE'"
    if [[ "$kind" == secret ]]; then secret="$(member secret)"; else publishable="$(member secret)"; fi
  done <<<"$ids"
  [[ -n "$secret" && -n "$publishable" ]] || die "site '$SITE' exists but has no active secret and publishable key to rotate."
  keep_site_keys "$secret" "$publishable"
  api PATCH "/api/sites/$SITE" "$secret" "{\"origins\":$(origins)}"
  [[ "$STATUS" == 200 ]] || fail "PATCH /api/sites/$SITE"
  log "demo: site '$SITE' existed without kept keys here: rotated both"
}

# 201, or 409 when the addon is installed already (its config and grant are then the site admin's).
install() {
  local addon="$1" secret="$2"
  api POST "/api/sites/$SITE/addons" "$secret" \
    "{\"addon\":\"$addon\",\"version\":\"^1.0.0\",\"grant\":${GRANT[$addon]},\"config\":${CONFIG[$addon]}}"
  case "$STATUS" in
    201) log "demo: installed $addon on '$SITE'" ;;
    409) problem_is already-exists || fail "installing $addon on '$SITE'" ;;
    *) fail "installing $addon on '$SITE'" ;;
  esac
}

main() {
  local key addon secret publishable
  key="$(developer_key)"
  for addon in "${EXAMPLES[@]}"; do
    register "$addon" "$key"
  done
  ensure_site
  secret="$(site_key secret)"
  publishable="$(site_key publishable)"
  for addon in "${EXAMPLES[@]}"; do
    install "$addon" "$secret"
  done
  if ((SITE_KEYS_NEW)); then
    info "site '$SITE' keys (printed only now; kept in ${SITE_KEYS_FILE#"$ROOT"/}, mode 600):"
    info "  secret:      $secret"
    info "  publishable: $publishable"
  else
    info "site '$SITE': keys kept in ${SITE_KEYS_FILE#"$ROOT"/}"
  fi
  printf '%s/demo/?key=%s\n' "$PUBLIC" "$publishable"
}

main

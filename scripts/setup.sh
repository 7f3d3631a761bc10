#!/usr/bin/env bash
# Installs everything Lead Desk's build, demo and tests need on a fresh Debian machine (as root):
# Debian packages (chromium, libkrb5-dev, git), npm dependencies, and the real-VS-Code toolchain
# (Node 24, code-server, playwright-core) cached under ~/.cache/real-vscode. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
command -v chromium >/dev/null || need+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need+=(libkrb5-dev)
command -v git >/dev/null || need+=(git)
if [ ${#need[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
test/harness/setup.sh

#!/usr/bin/env bash
# Builds Lead Desk and opens it in a real VS Code in the browser (code-server) with demo data
# from the fake GitHub. `scripts/demo.sh --github [API_URL]` uses real GitHub instead.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
node esbuild.mjs
exec node scripts/demo.mjs "$@"

#!/usr/bin/env bash
# Builds the static web page into build-web/ (see scripts/build-web.mjs for what goes in), after
# building the npm package (dist/) when it is missing or older than its sources.
#   --if-needed   skip the page when build-web/ is newer than web/, samples/, dist/ and this script
# Serve it with: node scripts/serve.mjs (or npm start, which does all of this).
set -euo pipefail
cd "$(dirname "$0")/.."

if_needed=0
for arg in "$@"; do
  case "$arg" in
    --if-needed) if_needed=1 ;;
    *) echo "build-web: unknown argument '$arg' (--if-needed)" >&2; exit 2 ;;
  esac
done

# The package first: the page imports its public entry, copied from dist/.
if ! node scripts/check-dist-fresh.mjs >/dev/null 2>&1; then
  echo "build-web: dist/ is missing or stale; building the package (scripts/build-wasm.sh)" >&2
  bash scripts/build-wasm.sh
fi

if [ "$if_needed" -eq 1 ] && [ -f build-web/.stamp ] &&
  [ -z "$(find web samples dist scripts/build-web.sh scripts/build-web.mjs -newer build-web/.stamp -print -quit 2>/dev/null)" ]; then
  exit 0
fi
node scripts/build-web.mjs

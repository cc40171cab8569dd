#!/usr/bin/env bash
# The main job (npm start): installs what is missing, builds the npm package (dist/) and the web
# page (build-web/) when they are missing or stale, then serves the page on 127.0.0.1 with a
# sample comparison already loaded. Prints the page's address; stop with Ctrl-C.
#   PORT (default 8080; 0 for any free port), HOST (default 127.0.0.1)
#   npm start -- --open     also opens a browser
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh wasm npm
bash scripts/build-web.sh --if-needed
echo "storydiff: serving build-web/ (a sample comparison is loaded; drop your own files on the page)" >&2
exec node scripts/serve.mjs "$@"

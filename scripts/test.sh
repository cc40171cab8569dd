#!/usr/bin/env bash
# Runs every test. Installs what is missing (apt, npm) and builds first.
#   1. engine unit tests (Catch2, through ctest)
#   2. hardening: the same suite under ASan + UBSan, and a short libFuzzer run
#   3. with Node's test runner: CLI (bad-input matrix included), golden results over samples/,
#      alignment quality, the npm package (native vs wasm), batch and Dask, and the web page in
#      headless Chromium
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh native wasm npm dask browser fuzz
bash scripts/build-native.sh
bash scripts/build-wasm.sh
bash scripts/build-web.sh

echo "== engine unit tests (Catch2 through ctest)"
ctest --test-dir build --output-on-failure -j2 --no-tests=error

echo "== hardening: sanitizer suite and a short fuzz run"
bash scripts/test-hardening.sh

echo "== CLI, golden, quality, package, batch/Dask and browser tests (node --test)"
node --test tests/cli/ tests/golden/ tests/quality/ tests/js/ tests/batch/ tests/web/

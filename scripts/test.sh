#!/usr/bin/env bash
# Runs every test. Installs what is missing (apt, npm) and builds first.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh native wasm npm dask
bash scripts/build-native.sh
bash scripts/build-wasm.sh

echo "== engine unit tests (Catch2 through ctest)"
ctest --test-dir build --output-on-failure -j2 --no-tests=error

echo "== CLI, golden, quality, package and batch/Dask tests (node --test)"
node --test tests/cli/ tests/golden/ tests/quality/ tests/js/ tests/batch/

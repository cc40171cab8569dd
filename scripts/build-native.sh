#!/usr/bin/env bash
# Configures (once) and builds the native library, CLI and unit tests into build/ (Release).
# BUILD_DIR and CMAKE_ARGS override the folder and add configure options.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir="${BUILD_DIR:-build}"
if [ ! -f "$build_dir/build.ninja" ]; then
  # shellcheck disable=SC2086
  cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release ${CMAKE_ARGS:-} >/dev/null
fi
cmake --build "$build_dir"

#!/usr/bin/env bash
# Builds the WebAssembly module (Release) into build-wasm/ and assembles the npm package's dist/:
#   dist/storydiff.mjs       the ES-module wrapper (wasm/storydiff.mjs): init, compare, read...
#   dist/storydiff-core.mjs  the Emscripten glue it imports
#   dist/storydiff.wasm      the engine
#   dist/storydiff.d.ts      TypeScript declarations
#   dist/cli.mjs             the `storydiff` bin: the CLI through Node + wasm, with
#   dist/storydiff-cli-core.mjs, dist/storydiff-cli.wasm  its module (the engine plus the native
#                            CLI's parser and renderers)
#   dist/README.md, dist/LICENSE when the repository has them
# BUILD_DIR, BUILD_TYPE and CMAKE_ARGS override the folder, the build type and add options.
set -euo pipefail
cd "$(dirname "$0")/.."

build_dir="${BUILD_DIR:-build-wasm}"
build_type="${BUILD_TYPE:-Release}"
toolchain=/usr/share/emscripten/cmake/Modules/Platform/Emscripten.cmake
if [ ! -f "$toolchain" ]; then
  echo "build-wasm: Emscripten is missing ($toolchain); run: bash scripts/setup.sh wasm" >&2
  exit 2
fi

# The toolchain file directly, not emcmake: emcmake adds --experimental-wasm-threads to the
# emulator, which Node 20 rejects.
if [ ! -f "$build_dir/build.ninja" ]; then
  # shellcheck disable=SC2086
  cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE="$build_type" \
    -DCMAKE_TOOLCHAIN_FILE="$toolchain" ${CMAKE_ARGS:-} >/dev/null
fi
# emcc's optimizer (acorn-optimizer.js) needs Debian's acorn; the link rule sets this too.
NODE_PATH=/usr/share/nodejs cmake --build "$build_dir" --target storydiff_wasm storydiff_cli_wasm

# Assemble dist/ from scratch so that nothing stale survives; every file gets a new mtime, which
# scripts/check-dist-fresh.mjs compares with the sources'.
rm -rf dist
mkdir -p dist
cp "$build_dir/wasm/storydiff.mjs" dist/storydiff-core.mjs
cp "$build_dir/wasm/storydiff.wasm" dist/storydiff.wasm
cp "$build_dir/wasm/storydiff-cli.mjs" dist/storydiff-cli-core.mjs
cp "$build_dir/wasm/storydiff-cli.wasm" dist/storydiff-cli.wasm
cp wasm/storydiff.mjs wasm/storydiff.d.ts wasm/cli.mjs dist/
chmod +x dist/cli.mjs
for f in README.md LICENSE; do
  if [ -f "$f" ]; then cp "$f" dist/; fi
done

raw=$(wc -c < dist/storydiff.wasm)
gz=$(gzip -9 -c dist/storydiff.wasm | wc -c)
cli_gz=$(gzip -9 -c dist/storydiff-cli.wasm | wc -c)
echo "build-wasm: dist/storydiff.wasm $raw bytes, $gz gzipped (budget 150 KB); the bin's storydiff-cli.wasm $cli_gz gzipped" >&2
if [ "$build_type" = Release ] && [ "$gz" -gt 150000 ]; then
  echo "build-wasm: dist/storydiff.wasm is over its budget of 150 KB gzipped" >&2
  exit 1
fi

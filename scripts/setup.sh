#!/usr/bin/env bash
# Installs what storydiff needs when it is missing, and nothing when it is all there.
#   scripts/setup.sh native    compilers, CMake, Ninja, dtl, nlohmann/json, Catch2 (Debian)
#   scripts/setup.sh wasm      native + Emscripten and Debian's acorn (for emcc's optimizer)
#   scripts/setup.sh npm       the npm devDependencies (node_modules/)
#   scripts/setup.sh browser   Debian's Chromium, for the browser tests
#   scripts/setup.sh fuzz      clang with libFuzzer and the sanitizer runtimes, llvm-symbolizer
#   scripts/setup.sh dask      Debian's Dask (python3-distributed), for corpus/dask_driver.py
# Several may be given at once. Runs apt-get as root, or through sudo.
set -euo pipefail
cd "$(dirname "$0")/.."

apt_packages=()
want_npm=0
for what in "$@"; do
  case "$what" in
    native) apt_packages+=(cmake ninja-build g++ libdtl-dev nlohmann-json3-dev catch2) ;;
    wasm) apt_packages+=(cmake ninja-build g++ libdtl-dev nlohmann-json3-dev emscripten node-acorn) ;;
    browser) apt_packages+=(chromium) ;;
    # libclang-rt-14-dev holds libFuzzer (clang only recommends it); llvm, llvm-symbolizer.
    fuzz) apt_packages+=(cmake ninja-build g++ libdtl-dev nlohmann-json3-dev catch2 clang libclang-rt-14-dev llvm) ;;
    dask) apt_packages+=(python3-distributed python3-dask) ;;
    npm) want_npm=1 ;;
    *) echo "setup.sh: unknown component '$what' (native, wasm, npm, browser, dask, fuzz)" >&2; exit 2 ;;
  esac
done

missing=()
for pkg in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  # Sort and de-duplicate: components share packages.
  mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u)
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "setup: installing ${missing[*]} (apt)" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [ "$want_npm" -eq 1 ]; then
  # Install when node_modules is missing or older than the lock file.
  if [ ! -d node_modules ] || { [ -f package-lock.json ] && [ package-lock.json -nt node_modules ]; }; then
    echo "setup: npm install" >&2
    if [ -f package-lock.json ]; then npm ci --no-audit --no-fund --loglevel=error; else npm install --no-audit --no-fund --loglevel=error; fi
    touch node_modules
  fi
fi

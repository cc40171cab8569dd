#!/usr/bin/env bash
# The native test suite under AddressSanitizer and UndefinedBehaviorSanitizer: builds the engine,
# the CLI and the unit tests with -DSTORYDIFF_SANITIZE=ON in build-asan/ (-O1 -g1), then
# runs the Catch2 tests (ctest) and the CLI tests (tests/cli/, bad-input matrix included)
# against build-asan/storydiff. Any sanitizer report fails the run. BUILD_DIR overrides the folder.
set -euo pipefail
cd "$(dirname "$0")/.."

build_dir="${BUILD_DIR:-build-asan}"
case "$build_dir" in /*) ;; *) build_dir="$PWD/$build_dir" ;; esac
# -O1 -g1: what the sanitizers' authors recommend, and half the compile time of -O2 -g with
# them (most of this script's time is compiling); -g1 still gives file:line in reports.
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1" -DSTORYDIFF_SANITIZE=ON >/dev/null
cmake --build "$build_dir"

# Leaks, use-after-return and static initialisation order too; every report is fatal (the build
# has -fno-sanitize-recover=all). exitcode=86: a report never passes for "documents differ" (1).
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:detect_stack_use_after_return=1:check_initialization_order=1:strict_init_order=1:exitcode=86}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1:exitcode=86}"

echo "== sanitizer build: engine unit tests (ctest, $build_dir)"
ctest --test-dir "$build_dir" --output-on-failure -j2 --no-tests=error

echo "== sanitizer build: CLI tests ($build_dir/storydiff)"
# ASan makes the CLI several times slower: the per-run timeouts of the matrix scale with it.
STORYDIFF="$build_dir/storydiff" STORYDIFF_TIMEOUT_SCALE="${STORYDIFF_TIMEOUT_SCALE:-4}" \
  node --test tests/cli/

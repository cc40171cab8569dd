#!/usr/bin/env bash
# The hardening part of the test command (scripts/test.sh calls it): installs clang and the
# sanitizer runtimes when missing, then
#   1. the sanitizer suite: unit tests and CLI tests (bad-input matrix included) built with ASan
#      and UBSan in build-asan/ (scripts/test-sanitize.sh);
#   2. a short fuzz run: every libFuzzer target for FUZZ_SECONDS (default 15) seconds on two
#      workers, from build-fuzz/ (scripts/fuzz.sh; the long run is a separate command, see
#      docs/limits.md).
# About 6 minutes on 2 cores from clean build folders, most of it compiling.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh native fuzz
started=$SECONDS
bash scripts/test-sanitize.sh
echo "== sanitizer suite: $((SECONDS - started)) s"
started=$SECONDS
echo "== short fuzz run"
# Its own corpus folder: the long run's corpus (build-fuzz/corpus) can hold tens of thousands of
# inputs, and replaying them all would not fit in a few seconds per target.
FUZZ_CORPUS="${FUZZ_CORPUS:-build-fuzz/corpus-short}" bash scripts/fuzz.sh "${FUZZ_SECONDS:-15}"
echo "== short fuzz run: $((SECONDS - started)) s"

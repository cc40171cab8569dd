#!/usr/bin/env bash
# The main job: builds what is missing, then compares a sample story's two versions in the
# terminal. Extra arguments go to storydiff (e.g. --format html -o report.html).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh native
bash scripts/build-native.sh >/dev/null
story="${STORY:-samples/harbor-ferry-fire}"
old="$(ls "$story"/v1.* | head -n 1)"
new="$(ls "$story"/v2.* | head -n 1)"
echo "storydiff $old $new $*" >&2
status=0
./build/storydiff "$@" "$old" "$new" || status=$?
# 1 only means the documents differ.
[ "$status" -le 1 ] || exit "$status"

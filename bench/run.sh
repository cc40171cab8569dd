#!/usr/bin/env bash
# bench/run.sh — every benchmark of storydiff against its peers, in one command (npm run bench).
#
#   bash bench/run.sh                    # every input (about 20 minutes on 2 cores)
#   bash bench/run.sh dmp-10x news-1MB   # a subset, by name
#   bash bench/run.sh --quick            # one tiny generated input: checks the harness runs
#   RUNS=5 BUDGET=60 TIMEOUT=90 TOOLS=storydiff-cli-word,git-word bash bench/run.sh
#
# Installs what it needs when missing: GNU time, git and wdiff (apt-get, as root or with sudo),
# the npm devDependencies jsdiff (`diff`) and diff-match-patch (npm install), and uses Python's
# difflib from /usr/bin/python3. Builds the native CLI (scripts/build-native.sh, incremental) and,
# when dist/ is missing, the WebAssembly package (scripts/build-wasm.sh). Then runs bench/bench.mjs,
# which prints the tables and writes bench/results/bench.md, scaling.md and scaling.svg.
# See bench/README.md.

set -euo pipefail
export LC_ALL=C
cd "$(dirname "${BASH_SOURCE[0]}")/.."

say() { echo "bench/run.sh: $*" >&2; }
die() { say "$*"; exit 2; }

command -v node >/dev/null || die "Node 20 or later is needed"

# --- Debian packages -------------------------------------------------------------------------
missing=()
/usr/bin/time -f %M true >/dev/null 2>&1 || missing+=(time)
command -v git >/dev/null || missing+=(git)
command -v wdiff >/dev/null || missing+=(wdiff)
[[ -x /usr/bin/python3 ]] || missing+=(python3)
if ((${#missing[@]})); then
  if [[ $(id -u) == 0 ]]; then sudo=()
  elif command -v sudo >/dev/null; then sudo=(sudo)
  else die "missing ${missing[*]}: install them with apt-get install ${missing[*]}"
  fi
  say "installing ${missing[*]} (apt-get)"
  "${sudo[@]}" apt-get install -y "${missing[@]}" >/dev/null 2>&1 ||
    { "${sudo[@]}" apt-get update >/dev/null && "${sudo[@]}" apt-get install -y "${missing[@]}" >/dev/null; } ||
    die "could not install ${missing[*]}"
fi

# --- npm peers ---------------------------------------------------------------------------------
if [[ ! -f node_modules/diff/package.json || ! -f node_modules/diff-match-patch/package.json ]]; then
  say "installing the npm devDependencies (npm install)"
  npm install --no-audit --no-fund >&2
fi

# --- storydiff ---------------------------------------------------------------------------------
if [[ -z ${STORYDIFF:-} ]]; then
  say "building the native CLI (scripts/build-native.sh)"
  bash scripts/build-native.sh >&2
fi
if [[ ! -f dist/storydiff.mjs || ! -f dist/storydiff.wasm ]]; then
  say "building the WebAssembly package (scripts/build-wasm.sh)"
  bash scripts/build-wasm.sh >&2
elif ! node scripts/check-dist-fresh.mjs >/dev/null 2>&1; then
  say "warning: dist/ is older than its sources; the wasm rows measure that older build (rebuild: bash scripts/build-wasm.sh)"
fi

exec node bench/bench.mjs "$@"

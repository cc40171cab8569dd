#!/usr/bin/env bash
# Throughput of `storydiff batch`, in jobs per second, over a generated corpus:
#   one process, --jobs 1;  one process, --jobs 2;  corpus/dask_driver.py on a 2-worker LocalCluster.
# Prints a Markdown table. Each figure is the best of REPEAT runs (the machine may be shared).
#   JOBS=10000 SEED=1 REPEAT=3 PARTITION=500 STORYDIFF=build/storydiff bash scripts/bench-batch.sh
# The Dask figure counts from the first task submitted to the last partition written (the
# cluster's start-up, ~5 s, and the final check are reported apart).
set -euo pipefail
cd "$(dirname "$0")/.."

jobs="${JOBS:-10000}"
seed="${SEED:-1}"
repeat="${REPEAT:-3}"
partition="${PARTITION:-500}"
bin="${STORYDIFF:-build/storydiff}"
python=/usr/bin/python3  # Debian's Dask is installed for Debian's Python only

if [ ! -x "$bin" ]; then
  bash scripts/build-native.sh >/dev/null
fi
bash scripts/setup.sh dask

corpus="corpus/data/bench-$jobs-$seed.jsonl"
if [ ! -f "$corpus" ]; then
  mkdir -p corpus/data
  node corpus/gen_corpus.mjs --jobs "$jobs" --seed "$seed" --out "$corpus"
fi
bytes=$(wc -c < "$corpus")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

best() { sort -g | tail -n 1; }

batch_rate() {  # threads -> best jobs/s
  for _ in $(seq "$repeat"); do
    "$bin" batch --jobs "$1" "$corpus" 2>&1 >/dev/null | sed -n 's/.* s, \([0-9.]*\) jobs\/s.*/\1/p'
  done | best
}

dask_rate() {  # -> "best-jobs/s start-seconds"
  for _ in $(seq "$repeat"); do
    log=$("$python" corpus/dask_driver.py --input "$corpus" --out "$work/out" --force --workers 2 \
      --partition-size "$partition" --storydiff "$bin" 2>&1 >/dev/null) || { echo "$log" >&2; exit 1; }
    rate=$(sed -n 's/.* s, \([0-9.]*\) jobs\/s; verified.*/\1/p' <<<"$log")
    start=$(sed -n 's/.*LocalCluster.* in \([0-9.]*\) s$/\1/p' <<<"$log")
    echo "$rate $start"
  done | sort -g -k1 | tail -n 1
}

one=$(batch_rate 1)
two=$(batch_rate 2)
read -r dask start < <(dask_rate)

echo
echo "corpus: $corpus ($jobs jobs, $((bytes / 1000000)) MB, seed $seed); $(nproc) cores; best of $repeat"
echo
echo "| run | jobs/s |"
echo "|---|---:|"
echo "| storydiff batch --jobs 1 | $one |"
echo "| storydiff batch --jobs 2 | $two |"
echo "| dask_driver.py, 2-worker LocalCluster, $partition jobs/partition | $dask (cluster start ${start} s apart) |"

#!/usr/bin/env bash
# bench/cli.sh — speed and memory check of the native CLI on generated news pairs.
#
#   bench/cli.sh                      # all inputs
#   bench/cli.sh news-1MB news-10MB   # a subset, by name
#   RUNS=3 STORYDIFF=/path/to/storydiff bench/cli.sh
#
# For each input it runs `storydiff --format json OLD NEW > /dev/null` RUNS times (default 5) and
# reports the median, min and max wall time, the peak resident memory (GNU time's %M, the largest
# over the runs), and that peak as a multiple of the input size (old + new bytes), which is the
# number to watch for "memory stays proportional to the input". Prints the table and writes it as
# Markdown to bench/results/cli.md. Inputs missing from bench/data/ are generated first by
# bench/gen-news.mjs (deterministic: same bytes on every machine).
#
# Exit status: 0 when every run succeeded, 2 when the CLI is missing or any run failed. The CLI
# exits 1 when the documents differ, which is the expected outcome here, so 0 and 1 both count as
# success (diff's convention: 2 is trouble).

set -euo pipefail
export LC_ALL=C # '.' as the decimal point in $EPOCHREALTIME, printf and awk

invoked_from=$PWD
cd "$(dirname "${BASH_SOURCE[0]}")/.." # the repository root: all paths below are relative to it

# A relative STORYDIFF given by the user is relative to where they ran the script; the default is
# relative to the repository root.
if [[ -n ${STORYDIFF:-} ]]; then
  [[ $STORYDIFF == */* && $STORYDIFF != /* ]] && STORYDIFF=$invoked_from/$STORYDIFF
else
  STORYDIFF=build/storydiff
fi
RUNS=${RUNS:-5}
DATA=bench/data
RESULTS=bench/results
DMP_DIR=${DMP_DIR:-../shared/corpus/dmp-speedtest}
GEN=bench/gen-news.mjs

die() { echo "bench/cli.sh: $*" >&2; exit 2; }

[[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive integer (got '$RUNS')"

if ! command -v -- "$STORYDIFF" >/dev/null 2>&1; then
  cat >&2 <<EOF
bench/cli.sh: the CLI '$STORYDIFF' does not exist or is not executable.
Build it from the repository root with:
  cmake -S . -B build -G Ninja && cmake --build build
or point STORYDIFF at a built binary: STORYDIFF=/path/to/storydiff bench/cli.sh
EOF
  exit 2
fi
command -v node >/dev/null || die "node (20 or later) is needed to generate the inputs"

# Peak RSS comes from GNU time (Debian package 'time'); bash's 'time' keyword cannot report it.
if ! /usr/bin/time -f %M true >/dev/null 2>&1; then
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
    echo "bench/cli.sh: installing GNU time (apt-get install -y time)" >&2
    apt-get install -y time >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y time >/dev/null; } ||
      die "could not install GNU time"
  else
    die "GNU time is needed at /usr/bin/time for peak memory: apt-get install -y time"
  fi
fi

# ---------------------------------------------------------------------------------------------
# Inputs: name and how to make it. The dmp-10x pair (diff-match-patch's own speed-test texts,
# concatenated ten times) is included when the shared corpus is present next to the repository.

declare -a NAMES=(news-100KB news-1MB news-10MB unrelated-1MB)
declare -A GEN_ARGS=(
  [news-100KB]="--size 100KB"
  [news-1MB]="--size 1MB"
  [news-10MB]="--size 10MB"
  [unrelated-1MB]="--size 1MB --unrelated"
)
[[ -f $DMP_DIR/speedtest1.txt && -f $DMP_DIR/speedtest2.txt ]] && NAMES+=(dmp-10x)

ensure_input() {
  local name=$1 dir=$DATA/$1
  if [[ $name == dmp-10x ]]; then
    # Regenerate when missing or older than its source.
    if [[ ! -f $dir/old.txt || ! -f $dir/new.txt || $DMP_DIR/speedtest1.txt -nt $dir/old.txt ||
          $DMP_DIR/speedtest2.txt -nt $dir/new.txt ]]; then
      mkdir -p "$dir"
      node "$GEN" --repeat-file "$DMP_DIR/speedtest1.txt" --times 10 --out "$dir/old.txt" >&2
      node "$GEN" --repeat-file "$DMP_DIR/speedtest2.txt" --times 10 --out "$dir/new.txt" >&2
    fi
    return
  fi
  [[ -n ${GEN_ARGS[$name]:-} ]] || die "unknown input '$name' (known: ${NAMES[*]})"
  # Regenerate when missing, or when the generator changed since (its output may differ).
  if [[ ! -f $dir/old.txt || ! -f $dir/new.txt || ! -f $dir/manifest.json || $GEN -nt $dir/manifest.json ]]; then
    # shellcheck disable=SC2086 # GEN_ARGS holds several words on purpose
    node "$GEN" ${GEN_ARGS[$name]} --seed 42 --out "$dir" >&2
  fi
}

selected=("$@")
[[ ${#selected[@]} -gt 0 ]] || selected=("${NAMES[@]}")
for name in "${selected[@]}"; do ensure_input "$name"; done

# ---------------------------------------------------------------------------------------------
# Measure.

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

human_bytes() { awk -v b="$1" 'BEGIN {
  if (b >= 1e6) printf "%.2f MB", b / 1e6; else if (b >= 1e3) printf "%.1f KB", b / 1e3; else printf "%d B", b }'; }

rows=()       # one "|"-separated row per input, for both renderings
failed=0
for name in "${selected[@]}"; do
  old=$DATA/$name/old.txt new=$DATA/$name/new.txt
  in_bytes=$(( $(stat -c %s "$old") + $(stat -c %s "$new") ))
  times=() peak_kb=0 status=ok
  echo "bench/cli.sh: $name: $RUNS runs" >&2
  for ((i = 0; i < RUNS; i++)); do
    # Wall time from bash's microsecond clock around the run: GNU time's own %e has only
    # centisecond resolution, too coarse for the 100 KB input. The wrapper adds ~1 ms.
    t0=$EPOCHREALTIME
    rc=0
    /usr/bin/time -f %M -o "$tmp/time" "$STORYDIFF" --format json "$old" "$new" >/dev/null 2>"$tmp/stderr" || rc=$?
    t1=$EPOCHREALTIME
    if (( rc != 0 && rc != 1 )); then
      echo "bench/cli.sh: $name: the CLI exited with status $rc; its stderr:" >&2
      head -n 20 "$tmp/stderr" >&2
      status="FAILED (exit $rc)"
      failed=1
      break
    fi
    times+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.6f", b - a }')")
    # GNU time writes "Command exited with non-zero status 1" before the format when the exit
    # status is not 0; the %M value is always the last line.
    kb=$(tail -n 1 "$tmp/time")
    (( kb > peak_kb )) && peak_kb=$kb
  done
  if [[ $status != ok ]]; then
    rows+=("$name|$(human_bytes "$(stat -c %s "$old")")|$(human_bytes "$(stat -c %s "$new")")|$status|||||")
    continue
  fi
  stats=$(printf '%s\n' "${times[@]}" | sort -g | awk '
    { t[NR] = $1 }
    END { med = NR % 2 ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
          printf "%.3f|%.3f|%.3f", med, t[1], t[NR] }')
  rss=$(awk -v kb="$peak_kb" -v n="$in_bytes" 'BEGIN { printf "%.1f|%.2fx", kb / 1024, kb * 1024 / n }')
  rows+=("$name|$(human_bytes "$(stat -c %s "$old")")|$(human_bytes "$(stat -c %s "$new")")|$stats|$rss")
done

# ---------------------------------------------------------------------------------------------
# Report: an aligned table on stdout, the same table as Markdown in bench/results/cli.md.

header="input|old|new|median s|min s|max s|peak RSS MB|RSS / input"
{ echo "$header"; printf '%s\n' "${rows[@]}"; } | awk -F'|' '
  { for (i = 1; i <= NF; i++) { cell[NR, i] = $i; if (length($i) > w[i]) w[i] = length($i) } nf = NF > nf ? NF : nf }
  END { for (r = 1; r <= NR; r++) { line = ""
          for (i = 1; i <= nf; i++) line = line sprintf(i == 1 ? "%-*s" : "  %*s", w[i], cell[r, i])
          sub(/ +$/, "", line); print line } }'

commit=$(git rev-parse --short HEAD 2>/dev/null || echo "no commit")
cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
mkdir -p "$RESULTS"
{
  echo "# storydiff CLI benchmark"
  echo
  echo "\`storydiff --format json OLD NEW > /dev/null\`, $RUNS runs per input; wall seconds;"
  echo "peak RSS is the largest maximum resident set size over the runs (GNU time %M);"
  echo "RSS / input is that peak divided by the bytes of old + new."
  echo
  echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "- commit: $commit; CLI: \`$STORYDIFF\`"
  echo "- machine: ${cpu:-unknown CPU}, $(nproc) cores"
  echo "- inputs: bench/data/<input>/ from \`bench/gen-news.mjs\` (seed 42; see bench/README.md)"
  echo
  echo "| ${header//|/ | } |"
  echo "|---|--:|--:|--:|--:|--:|--:|--:|"
  for row in "${rows[@]}"; do echo "| ${row//|/ | } |"; done
} >"$RESULTS/cli.md"
echo "bench/cli.sh: wrote $RESULTS/cli.md" >&2

exit $(( failed ? 2 : 0 ))

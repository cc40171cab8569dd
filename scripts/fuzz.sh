#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz/) with clang, ASan and UBSan in build-fuzz/, then runs
# each for SECONDS_PER_TARGET seconds (default 30) and prints the executions per target and in
# total. Exits 1 when a target crashed, hung, leaked or broke an invariant (the input is kept in
# build-fuzz/crashes/<run>/ with the command that replays it), 2 when it cannot build.
#   scripts/fuzz.sh                 # 30 s per target, the short run
#   FUZZ_ROUNDS=6 scripts/fuzz.sh 600   # the long run: six rounds of 10 minutes per target
# FUZZ_WORKERS (default 2: the machine's cores) is libFuzzer's -jobs and -workers;
# FUZZ_ROUNDS (default 1) repeats the round over the targets, stopping after a failed round;
# FUZZ_TARGETS (default all four) picks targets, e.g. FUZZ_TARGETS="fuzz_read fuzz_compare";
# FUZZ_EXTRA adds libFuzzer flags, e.g. FUZZ_EXTRA="-only_ascii=1";
# FUZZ_CORPUS (default build-fuzz/corpus) is where the corpus grows, one folder per target.
# The corpus grows across runs in $FUZZ_CORPUS/<target>/; the seeds are rebuilt every run
# from samples/ and tests/quality/cases/ into build-fuzz/seeds/<target>/, with every input that
# once broke a target (tests/fuzz/regressions/<target>/), so each run replays them first.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-30}"
rounds="${FUZZ_ROUNDS:-1}"
workers="${FUZZ_WORKERS:-2}"
targets="${FUZZ_TARGETS:-fuzz_read fuzz_segment fuzz_compare fuzz_json}"
build_dir=build-fuzz
root="$PWD"
for n in "$seconds" "$rounds" "$workers"; do
  case "$n" in '' | *[!0-9]* | 0) echo "fuzz: SECONDS_PER_TARGET, FUZZ_ROUNDS and FUZZ_WORKERS take whole numbers, not '$n'" >&2; exit 2 ;; esac
done

if ! command -v clang++ >/dev/null; then
  echo "fuzz: clang++ is missing; run: bash scripts/setup.sh fuzz" >&2
  exit 2
fi

# --- build ------------------------------------------------------------------------------------
if [ ! -f "$build_dir/build.ninja" ]; then
  # RelWithDebInfo: optimised like the shipped engine, with line numbers in the reports.
  # Only the fuzz targets: no CLI and no Catch2 tests in this folder.
  cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_COMPILER=clang++ -DSTORYDIFF_BUILD_FUZZ=ON \
    -DSTORYDIFF_BUILD_CLI=OFF -DSTORYDIFF_BUILD_TESTS=OFF >/dev/null
fi
# shellcheck disable=SC2086
cmake --build "$build_dir" --target $targets

# --- seeds ------------------------------------------------------------------------------------
seeds="$build_dir/seeds"
rm -rf "$seeds"
mkdir -p "$seeds"/{fuzz_read,fuzz_segment,fuzz_compare,fuzz_json}
texts=(samples/*/*.txt samples/*/*.md samples/*/*.html tests/quality/cases/*/*.txt)
n=0
for f in "${texts[@]}"; do
  n=$((n + 1))
  cp "$f" "$seeds/fuzz_read/$n"
  # fuzz_segment: three header bytes (where segmentation begins, a range to tokenize), the text.
  { printf '\x00\x20\xc0'; cat "$f"; } >"$seeds/fuzz_segment/$n"
done
# fuzz_compare: flags, threshold 0.25 ((61 + 1) / 248), the two formats (1 text, 2 markdown, 3 html), old NUL new.
format_code() {
  case "$1" in *.md) echo 2 ;; *.html) echo 3 ;; *) echo 1 ;; esac
}
compare_seed() {  # old new out
  local code
  code=$(printf '%x' $(( ($(format_code "$2") << 4) | $(format_code "$1") )))
  { printf '\x00\x3d'; printf "\\x$code"; cat "$1"; printf '\x00'; cat "$2"; } >"$3"
}
for story in samples/*/; do
  name=$(basename "$story")
  compare_seed "$story/v1.txt" "$story/v2.txt" "$seeds/fuzz_compare/$name-update"
  for outlet in "$story"/outlet.*; do
    compare_seed "$story/v1.txt" "$outlet" "$seeds/fuzz_compare/$name-outlet"
    # Three documents (claims), with flag 0x10: compared again in another order.
    { printf '\x10\x3d\x11'; cat "$story/v1.txt"; printf '\x00'; cat "$story/v2.txt"; printf '\x00'
      cat "$outlet"; } >"$seeds/fuzz_compare/$name-three"
  done
done
for case_dir in tests/quality/cases/*/; do
  compare_seed "$case_dir/a.txt" "$case_dir/b.txt" "$seeds/fuzz_compare/$(basename "$case_dir")"
done
k=0
for j in '{}' '{"threshold":0.25,"ignore_case":false,"ignore_punctuation":false,"detect_splits":true,"detect_moves":true,"granularity":"sentence"}' \
  '{"threshold":1e-300,"granularity":"word"}' '{"threshold":0}' '{"ignore_case":"yes"}' \
  '{"threshold":0.5,"threshold":0.7}' '[1,2]' '{"unknown":1}' '{"threshold":NaN}'; do
  k=$((k + 1))
  printf '%s' "$j" >"$seeds/fuzz_json/$k"
done
for target in fuzz_read fuzz_segment fuzz_compare fuzz_json; do
  for f in tests/fuzz/regressions/"$target"/*; do
    [ -f "$f" ] && cp "$f" "$seeds/$target/regression-$(basename "$f")"
  done
done

# --- run --------------------------------------------------------------------------------------
# A small quarantine: with ASan's default 256 MB every allocation lands on fresh pages, and page
# faults took more time than the engine. Use-after-free is still caught on recent frees.
export ASAN_OPTIONS="${ASAN_OPTIONS:-quarantine_size_mb=16}"
run_id=$(date +%Y%m%d-%H%M%S)
crashes="$build_dir/crashes/$run_id"
mkdir -p "$crashes"
status=0
declare -A execs_of
for target in $targets; do execs_of[$target]=0; done
started=$SECONDS
printf '\nfuzz: %s s per target and round, %s round(s), %s worker(s), run %s\n' \
  "$seconds" "$rounds" "$workers" "$run_id"
for ((round = 1; round <= rounds && status == 0; round++)); do
  for target in $targets; do
    bin="$root/$build_dir/tests/fuzz/$target"
    corpus="$root/${FUZZ_CORPUS:-$build_dir/corpus}/$target"
    work="$root/$build_dir/run/$target"
    mkdir -p "$corpus" "$work"
    rm -f "$work"/fuzz-*.log
    flags=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
           -artifact_prefix="$root/$crashes/$target-")
    case "$target" in
      # Inputs stay small: logic bugs show on a few KB, and speed buys executions. Large inputs
      # (50 MB, 10 MB lines, 100,000-deep HTML) are tests/cli/bad-input.test.mjs's job.
      fuzz_json) flags+=(-max_len=1024) ;;
      fuzz_compare) flags+=(-max_len=4096 -dict="$root/tests/fuzz/storydiff.dict") ;;
      *) flags+=(-max_len=2048 -dict="$root/tests/fuzz/storydiff.dict") ;;
    esac
    # shellcheck disable=SC2206
    flags+=(${FUZZ_EXTRA:-})
    # -jobs/-workers: libFuzzer runs the jobs as child processes, each logging to fuzz-<n>.log
    # in the working folder and sharing the corpus folder (the first one; the seeds only seed).
    rc=0
    (cd "$work" && "$bin" -jobs="$workers" -workers="$workers" "${flags[@]}" \
      "$corpus" "$root/$seeds/$target" >"$work/parent.log" 2>&1) || rc=$?
    execs=0
    for log in "$work"/fuzz-*.log; do
      [ -f "$log" ] || continue
      n=$(grep -a 'stat::number_of_executed_units:' "$log" | tail -n 1 | awk '{print $2}' || true)
      execs=$((execs + ${n:-0}))
    done
    execs_of[$target]=$((execs_of[$target] + execs))
    cov=$(grep -ah ' cov: ' "$work"/fuzz-*.log 2>/dev/null | sed -n 's/.* cov: \([0-9]*\).*/\1/p' | sort -n | tail -n 1 || true)
    files=$(find "$corpus" -type f | wc -l)
    found=$(find "$crashes" -name "$target-*" ! -name "$target-slow-unit-*" -type f | sort)
    broken=$(grep -alE 'ERROR: (AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|libFuzzer)|runtime error:|fuzz invariant broken' "$work"/fuzz-*.log 2>/dev/null || true)
    printf 'fuzz: round %d %-13s %12d executions  coverage %6s  corpus %5d files' \
      "$round" "$target" "$execs" "${cov:-?}" "$files"
    if [ -n "$found" ] || [ -n "$broken" ] || [ "$rc" -ne 0 ]; then
      status=1
      printf '  FAILED (exit %d)\n' "$rc"
      for log in $broken; do
        echo "---- $log" >&2
        grep -aE -A 25 'ERROR:|runtime error:|fuzz invariant broken' "$log" | head -n 60 >&2
      done
      for f in $found; do echo "fuzz: replay with: $bin $f" >&2; done
    else
      printf '  ok\n'
    fi
  done
done
total=0
for target in $targets; do
  printf 'fuzz: total %-13s %12d executions\n' "$target" "${execs_of[$target]}"
  total=$((total + execs_of[$target]))
done
printf 'fuzz: %d executions in total in %d s, %s\n' "$total" $((SECONDS - started)) \
  "$([ "$status" -eq 0 ] && echo 'no crashes' || echo 'FAILED')"
if [ "$status" -ne 0 ]; then
  echo "fuzz: crash inputs in $crashes/" >&2
else
  rmdir "$crashes" 2>/dev/null || true
fi
exit "$status"

// An exact shortest edit script of two token sequences, in bounded memory and work.
#pragma once

#include <cstddef>
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "storydiff/result.h"

namespace storydiff::detail {

/// `count` steps of one kind: equal (a token of each sequence), remove (old) or insert (new).
struct ScriptRun {
  EditOp op;
  std::uint32_t count;
};

/// Stretches of at most this many cells (old tokens x new tokens) are diffed bit-parallel: the
/// table's bits then take at most 32 MB.
inline constexpr double kBitParallelCells = 2.5e8;

/// Memory a caller that diffs many stretches keeps from one call to the next.
struct EditScriptScratch {
  std::unordered_map<std::uint32_t, std::uint32_t> symbols;  // a token -> its index among a's
  std::vector<std::int64_t> symbol;                          // b's tokens' indices, -1 if not in a
  std::vector<std::uint64_t> masks, rows;
  std::vector<std::uint32_t> ones;
  std::vector<EditOp> steps;
  std::vector<std::int32_t> v1, v2;  // the middle snake's furthest points
};

/// Appends to `out` a shortest edit script turning a[0, n) into b[0, m). Small stretches (after
/// the common head and tail, at most `bit_parallel_cells`) get the bit-parallel LCS of Allison
/// and Dix: O(n m / 64), whatever the number of edits. Larger ones, Myers' O((n + m) D) algorithm
/// with the linear-space middle-snake split (as diff-match-patch's exact diff), until the halves
/// are small enough. Memory stays bounded where dtl records every point of its path (dtl's
/// script took 530 ms on the 5,000-token speed-test pair). `work` is the budget in steps (a
/// diagonal for Myers, 32 cells bit-parallel); each call spends from it. Returns false, with
/// `out` as it was, when the budget runs out first.
bool shortest_edit_script(const std::uint32_t* a, std::size_t n, const std::uint32_t* b, std::size_t m,
                          double& work, std::vector<ScriptRun>& out,
                          double bit_parallel_cells = kBitParallelCells);

/// The same, with the caller's scratch memory.
bool shortest_edit_script(const std::uint32_t* a, std::size_t n, const std::uint32_t* b, std::size_t m,
                          double& work, std::vector<ScriptRun>& out, EditScriptScratch& scratch,
                          double bit_parallel_cells = kBitParallelCells);

}  // namespace storydiff::detail
